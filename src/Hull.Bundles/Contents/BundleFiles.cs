using System.Formats.Tar;
using System.IO.Compression;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Locks;

namespace Hull.Bundles.Contents;

/// <summary>Reads the <c>.imgpkg</c> files of a pushed bundle straight from its layers, without extracting it.</summary>
public static class BundleFiles
{
    /// <summary>The bundle's metadata directory.</summary>
    public const string ImgpkgDir = ".imgpkg";

    /// <summary>The ImagesLock path inside a bundle.</summary>
    public const string ImagesLockPath = ".imgpkg/images.yml";

    /// <summary>The metadata path inside a bundle.</summary>
    public const string BundleYamlPath = ".imgpkg/bundle.yml";

    /// <summary>Where nested bundles go in a recursive pull.</summary>
    public const string BundlesDir = ".imgpkg/bundles";

    /// <summary>Reads a file from the image's layers (a later layer wins); null when absent.</summary>
    public static async Task<byte[]?> ReadFileAsync(FetchedImage image, string path, CancellationToken cancellationToken)
    {
        byte[]? found = null;
        var budget = new InMemoryBudget($"Reading {path} of '{image.DigestReference}'");
        foreach (var layer in image.Manifest.AsImage().Layers)
        {
            await using var blob = await image.Store.OpenBlobAsync(layer, cancellationToken).ConfigureAwait(false);
            try
            {
                await using var gzip = new GZipStream(blob, CompressionMode.Decompress, leaveOpen: true);
                using var tar = new TarReader(gzip);
                while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    string name = entry.Name.Replace('\\', '/');
                    while (name.StartsWith("./", StringComparison.Ordinal))
                    {
                        name = name[2..];
                    }
                    if (name == path && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is not null)
                    {
                        found = await budget.ReadAsync(entry, cancellationToken).ConfigureAwait(false);
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
            {
                var mismatch = await CorruptLayer.DigestProblemAsync(blob, cancellationToken).ConfigureAwait(false);
                throw new BundleException($"Reading layer {layer.Digest} of '{image.DigestReference}': {(mismatch ?? ex).Message}", mismatch ?? ex);
            }
        }
        return found;
    }

    /// <summary>Reads and validates the bundle's ImagesLock.</summary>
    public static async Task<ImagesLock> ReadImagesLockAsync(FetchedImage bundle, CancellationToken cancellationToken)
    {
        byte[] bytes = await ReadFileAsync(bundle, ImagesLockPath, cancellationToken).ConfigureAwait(false)
            ?? throw new BundleException($"Bundle '{bundle.DigestReference}' has no {ImagesLockPath}");
        return LockYaml.ParseImagesLock(bytes, $"{ImagesLockPath} of bundle '{bundle.DigestReference}'");
    }
}
