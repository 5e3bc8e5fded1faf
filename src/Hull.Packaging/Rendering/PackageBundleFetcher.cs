using Hull.Oci.Storage;
using System.Collections.Concurrent;
using System.Formats.Tar;
using Hull.Bundles.Contents;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Locks;
using Hull.Oci.References;

namespace Hull.Packaging.Rendering;

/// <summary>
/// Fetches package bundles by reference, as kapp-controller's imgpkgBundle fetch does: every layer read in memory
/// (never extracted to disk), the ImagesLock relocated when the bundle's repository hosts its images. A bundle is
/// fetched once per fetcher (digests never change what they name), and, given a cache folder, once per machine:
/// a bundle fetched by digest is kept there as one tar of its files (the ImagesLock as relocated then).
/// </summary>
public sealed class PackageBundleFetcher(IImageStores stores, string? cacheDirectory = null)
{
    private const string LockEntry = ".hull-relocated-images.yml";

    private readonly ConcurrentDictionary<string, Task<PackageBundle>> _cache = new(StringComparer.Ordinal);

    /// <summary>Fetches <paramref name="image"/> (a digest reference, a tag, or an <c>oci:</c> layout).</summary>
    /// <exception cref="PackageRenderException">The bundle cannot be fetched or is not a bundle.</exception>
    public Task<PackageBundle> FetchAsync(string image, CancellationToken cancellationToken) =>
        _cache.GetOrAdd(image, i => FetchUncachedAsync(i, cancellationToken));

    private async Task<PackageBundle> FetchUncachedAsync(string image, CancellationToken cancellationToken)
    {
        string? cached = CachePath(image);
        if (cached is not null && File.Exists(cached))
        {
            try
            {
                // The bundle must still exist where the Package says (kapp-controller would fail on an expired one);
                // one manifest HEAD, instead of fetching its layers again.
                var location = ImageLocation.Parse(image);
                await stores.OpenStore(location).ResolveAsync(location.Identifier!, cancellationToken).ConfigureAwait(false);
                return await ReadCacheAsync(image, cached, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or Hull.Bundles.BundleException)
            {
                File.Delete(cached); // a damaged cache entry is fetched again
            }
            catch (Hull.Oci.OciException ex)
            {
                throw new PackageRenderException($"fetching bundle '{image}': {ex.Message.ReplaceLineEndings(" ")}", ex);
            }
        }
        var bundle = await FetchFromStoreAsync(image, cancellationToken).ConfigureAwait(false);
        if (cached is not null)
        {
            await WriteCacheAsync(bundle, cached, cancellationToken).ConfigureAwait(false);
        }
        return bundle;
    }

    /// <summary>The cache folder: <c>$HULL_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/hull</c>, else <c>~/.cache/hull</c>.</summary>
    public static string DefaultCacheDirectory() =>
        Environment.GetEnvironmentVariable("HULL_CACHE_DIR") is { Length: > 0 } dir ? dir
        : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "hull")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "hull");

    // Only digest references are cached: what they name never changes. The key covers the location too, since the
    // relocated ImagesLock depends on where the bundle is.
    private string? CachePath(string image)
    {
        if (cacheDirectory is null || !image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return null;
        }
        string key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(image)));
        return Path.Combine(cacheDirectory, "bundles", key + ".tar");
    }

    private static async Task<PackageBundle> ReadCacheAsync(string image, string path, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using (var stream = File.OpenRead(path))
        {
            using var tar = new TarReader(stream);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.DataStream is not null)
                {
                    using var bytes = new MemoryStream();
                    await entry.DataStream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
                    files[entry.Name] = bytes.ToArray();
                }
            }
        }
        var imagesLock = files.Remove(LockEntry, out var lockBytes) ? LockYaml.ParseImagesLock(lockBytes, path) : new ImagesLock();
        return new PackageBundle(image, files, imagesLock);
    }

    private static async Task WriteCacheAsync(PackageBundle bundle, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = File.Create(temp))
            {
                await using var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: false);
                foreach (var (name, bytes) in bundle.Files.Append(new(LockEntry, LockYaml.Emit(bundle.ImagesLock))))
                {
                    var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) };
                    await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                }
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException)
        {
            File.Delete(temp); // the cache is an optimisation: failing to fill it is not an error
        }
    }

    private async Task<PackageBundle> FetchFromStoreAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            var location = ImageLocation.Parse(image);
            var bundle = await FetchedImage.FetchAsync(stores, location, cancellationToken).ConfigureAwait(false);
            var files = await LayerFiles.ReadAsync(bundle, _ => true, cancellationToken).ConfigureAwait(false);
            var imagesLock = new ImagesLock();
            if (files.TryGetValue(BundleFiles.ImagesLockPath, out var lockBytes))
            {
                imagesLock = LockYaml.ParseImagesLock(lockBytes, $"{BundleFiles.ImagesLockPath} of {bundle.DigestReference}");
                if (imagesLock.Images.Count > 0)
                {
                    var node = await BundleGraph.ReadAsync(stores, bundle, recursive: false, concurrency: 8, cancellationToken).ConfigureAwait(false);
                    // An OCI layout is a store, not a registry a cluster pulls from: a bundle copied into one keeps
                    // its lock's registry references (the images were found next to it by digest, so nothing is
                    // fetched from their origins).
                    if (node.Relocated && location is ImageReference)
                    {
                        imagesLock = node.RelocatedLock();
                    }
                }
            }
            return new PackageBundle(image.Contains("@sha256:", StringComparison.Ordinal) ? image : bundle.DigestReference, files, imagesLock);
        }
        catch (Exception ex) when (ex is Hull.Oci.OciException or Hull.Bundles.BundleException or ReferenceFormatException or InvalidDataException or HttpRequestException)
        {
            throw new PackageRenderException($"fetching bundle '{image}': {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
    }
}
