using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using Hull.Bundles.Contents;
using Hull.Bundles.Images;
using Hull.Bundles.Locks;
using Hull.Oci.References;

namespace Hull.Packaging.Rendering;

/// <summary>
/// Fetches package bundles by reference, as kapp-controller's imgpkgBundle fetch does: every layer read in memory
/// (never extracted to disk), the ImagesLock relocated when the bundle's repository hosts its images. A bundle is
/// fetched once per fetcher (digests never change what they name).
/// </summary>
public sealed class PackageBundleFetcher(IStoreResolver stores)
{
    private readonly ConcurrentDictionary<string, Task<PackageBundle>> _cache = new(StringComparer.Ordinal);

    /// <summary>Fetches <paramref name="image"/> (a digest reference, a tag, or an <c>oci:</c> layout).</summary>
    /// <exception cref="PackageRenderException">The bundle cannot be fetched or is not a bundle.</exception>
    public Task<PackageBundle> FetchAsync(string image, CancellationToken cancellationToken) =>
        _cache.GetOrAdd(image, i => FetchUncachedAsync(i, cancellationToken));

    private async Task<PackageBundle> FetchUncachedAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            var bundle = await ResolvedImage.ResolveAsync(stores, ImageLocation.Parse(image), cancellationToken).ConfigureAwait(false);
            var files = await ReadLayersAsync(bundle, cancellationToken).ConfigureAwait(false);
            var imagesLock = new ImagesLock();
            if (files.TryGetValue(BundleFiles.ImagesLockPath, out var lockBytes))
            {
                imagesLock = LockYaml.ParseImagesLock(lockBytes, $"{BundleFiles.ImagesLockPath} of {bundle.DigestReference}");
                if (imagesLock.Images.Count > 0)
                {
                    var node = await BundleGraph.ReadAsync(stores, bundle, recursive: false, concurrency: 8, cancellationToken).ConfigureAwait(false);
                    if (node.Relocated)
                    {
                        imagesLock = node.RelocatedLock();
                    }
                }
            }
            return new PackageBundle(bundle.DigestReference, files, imagesLock);
        }
        catch (Exception ex) when (ex is Hull.Oci.OciException or Hull.Bundles.BundleException or ReferenceFormatException or InvalidDataException or HttpRequestException)
        {
            throw new PackageRenderException($"fetching bundle '{image}': {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
    }

    private static async Task<Dictionary<string, byte[]>> ReadLayersAsync(ResolvedImage image, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var layer in image.Manifest.AsImage().Layers)
        {
            await using var blob = await image.Store.OpenBlobAsync(layer, cancellationToken).ConfigureAwait(false);
            Stream tarStream = layer.MediaType.EndsWith(".tar", StringComparison.Ordinal) ? blob : new GZipStream(blob, CompressionMode.Decompress, leaveOpen: true);
            await using (tarStream.ConfigureAwait(false))
            {
                using var tar = new TarReader(tarStream);
                while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    string name = entry.Name.Replace('\\', '/');
                    while (name.StartsWith("./", StringComparison.Ordinal))
                    {
                        name = name[2..];
                    }
                    if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is not null)
                    {
                        using var bytes = new MemoryStream();
                        await entry.DataStream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
                        files[name] = bytes.ToArray();
                    }
                }
                await tarStream.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }
            // Drain so the store's verifying stream sees the whole blob and checks its digest.
            await blob.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }
        return files;
    }
}
