using Hull.Oci.Manifests;

namespace Hull.Oci.Storage;

/// <summary>Conveniences over <see cref="IImageSource"/> and <see cref="IImageTarget"/> for small blobs such as configs.</summary>
public static class ImageStoreExtensions
{
    /// <summary>Reads a whole blob (verified), refusing blobs larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadBlobAsync(this IImageSource source, Descriptor blob, long maxBytes = 16 * 1024 * 1024,
        CancellationToken cancellationToken = default)
    {
        if (blob.Size > maxBytes)
            throw new OciException($"{source.Location}@{blob.Digest}: blob of {blob.Size} bytes is larger than the {maxBytes} byte limit");
        byte[] bytes = new byte[blob.Size];
        await using var stream = await source.OpenBlobAsync(blob, cancellationToken).ConfigureAwait(false);
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        // One more read lets the verifying stream see the end and check size and digest.
        if (await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) != 0)
            throw new DigestMismatchException($"{source.Location}@{blob.Digest}: blob is larger than its descriptor's size {blob.Size}");
        return bytes;
    }

    /// <summary>Reads and parses an image config blob.</summary>
    public static async Task<ImageConfig> ReadConfigAsync(this IImageSource source, Descriptor config, CancellationToken cancellationToken = default)
    {
        byte[] bytes = await source.ReadBlobAsync(config, cancellationToken: cancellationToken).ConfigureAwait(false);
        return OciJson.ParseConfig(bytes, $"config {source.Location}@{config.Digest}");
    }

    /// <summary>Stores in-memory content as a blob (unless the target has it) and returns its descriptor.</summary>
    public static async Task<Descriptor> PutBlobAsync(this IImageTarget target, string mediaType, ReadOnlyMemory<byte> content,
        CancellationToken cancellationToken = default)
    {
        var descriptor = Descriptor.For(mediaType, content.Span);
        if (!await target.HasBlobAsync(descriptor, cancellationToken).ConfigureAwait(false))
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            await target.PutBlobAsync(descriptor, stream, cancellationToken).ConfigureAwait(false);
        }
        return descriptor;
    }
}
