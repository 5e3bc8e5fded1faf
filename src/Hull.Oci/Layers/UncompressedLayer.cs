namespace Hull.Oci.Layers;

/// <summary>
/// A layer opened for reading: <see cref="Tar"/> is its uncompressed tar, <see cref="Blob"/> the stored bytes under
/// it. The blob's digest is only checked once the blob has been read to its end: <see cref="DrainAsync"/> does that
/// after a reader has taken what it needs (a decompressor may stop before the end).
/// </summary>
public sealed class UncompressedLayer : IAsyncDisposable
{
    internal UncompressedLayer(Stream blob, Stream tar)
    {
        Blob = blob;
        Tar = tar;
    }

    /// <summary>The stored (compressed) bytes, verified against the layer's digest when read to the end.</summary>
    public Stream Blob { get; }

    /// <summary>The uncompressed tar.</summary>
    public Stream Tar { get; }

    /// <summary>Reads the rest of the tar and of the blob, so the blob's size and digest are checked.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        await Tar.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        await Blob.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!ReferenceEquals(Tar, Blob))
            await Tar.DisposeAsync().ConfigureAwait(false);
        await Blob.DisposeAsync().ConfigureAwait(false);
    }
}
