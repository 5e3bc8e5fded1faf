using System.IO.Compression;
using Hull.Oci.Manifests;
using Hull.Oci.Storage;

namespace Hull.Oci.Layers;

/// <summary>
/// One layer of an image in a store: its descriptor, its blob as stored, and its tar uncompressed as its media type
/// says (a media type ending in <c>.tar</c> is a plain tar; every other layer type Hull reads is gzip).
/// </summary>
public sealed class ImageLayer(IImageSource source, Descriptor descriptor)
{
    /// <summary>The layer's descriptor in the manifest.</summary>
    public Descriptor Descriptor { get; } = descriptor;

    /// <summary>The layers of <paramref name="manifest"/>, bottom first.</summary>
    public static IReadOnlyList<ImageLayer> Of(IImageSource source, ImageManifest manifest) =>
        manifest.Layers.Select(d => new ImageLayer(source, d)).ToList();

    /// <summary>True when the media type names an uncompressed tar.</summary>
    public static bool IsUncompressed(string mediaType) => mediaType.EndsWith(".tar", StringComparison.Ordinal);

    /// <summary>The blob as stored; reading it to the end checks its size and digest.</summary>
    public Task<Stream> OpenAsync(CancellationToken cancellationToken = default) => source.OpenBlobAsync(Descriptor, cancellationToken);

    /// <summary>The layer's tar, decompressed by media type, over the verified blob.</summary>
    public async Task<UncompressedLayer> OpenUncompressedAsync(CancellationToken cancellationToken = default)
    {
        var blob = await OpenAsync(cancellationToken).ConfigureAwait(false);
        Stream tar = IsUncompressed(Descriptor.MediaType) ? blob : new GZipStream(blob, CompressionMode.Decompress, leaveOpen: true);
        return new UncompressedLayer(blob, tar);
    }
}
