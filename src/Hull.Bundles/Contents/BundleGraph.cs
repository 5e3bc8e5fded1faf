using Hull.Oci.Storage;
using System.Collections.Concurrent;
using Hull.Bundles.Copying;
using Hull.Bundles.Images;
using Hull.Bundles.Locks;
using Hull.Oci;
using Hull.Oci.References;

namespace Hull.Bundles.Contents;

/// <summary>An image a bundle's ImagesLock names, with where it can be fetched now.</summary>
/// <param name="Entry">The ImagesLock entry as written in the bundle.</param>
/// <param name="Image">The image, resolved at its primary location.</param>
/// <param name="IsBundle">Whether it is itself a bundle.</param>
public sealed record BundleImage(ImagesLockEntry Entry, FetchedImage Image, bool IsBundle);

/// <summary>A bundle with its ImagesLock resolved, and its nested bundles when read recursively.</summary>
public sealed class BundleNode
{
    internal BundleNode(FetchedImage image, ImagesLock imagesLock, IReadOnlyList<BundleImage> images, bool relocated)
    {
        Image = image;
        ImagesLock = imagesLock;
        Images = images;
        Relocated = relocated;
    }

    /// <summary>The bundle image.</summary>
    public FetchedImage Image { get; }

    /// <summary>Its ImagesLock as written in the bundle.</summary>
    public ImagesLock ImagesLock { get; }

    /// <summary>Its images, in ImagesLock order, resolved at their primary locations.</summary>
    public IReadOnlyList<BundleImage> Images { get; }

    /// <summary>True when every image lives next to the bundle (it was copied with imgpkg or Hull).</summary>
    public bool Relocated { get; }

    /// <summary>Nested bundles, in ImagesLock order.</summary>
    public List<BundleNode> Nested { get; } = [];

    /// <summary>The ImagesLock rewritten to the primary locations (what a pull writes after a relocated copy).</summary>
    public ImagesLock RelocatedLock() => new()
    {
        Images = Images.Select(i => new ImagesLockEntry(i.Image.DigestReference, i.Entry.Annotations)).ToList(),
    };
}

/// <summary>
/// Reads a bundle's image graph as imgpkg does: images are looked for next to the bundle first (trusting the
/// <c>.image-locations.imgpkg</c> image when present, else checking each digest), then at their original references.
/// </summary>
public static class BundleGraph
{
    /// <summary>Reads <paramref name="bundle"/>; with <paramref name="recursive"/>, nested bundles too (each once).</summary>
    public static async Task<BundleNode> ReadAsync(IImageStores stores, FetchedImage bundle, bool recursive, int concurrency, CancellationToken cancellationToken)
    {
        var seen = new ConcurrentDictionary<Digest, Task<BundleNode>>();
        return await ReadNodeAsync(stores, bundle, recursive, Math.Max(1, concurrency), seen, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every node of the graph, root first, each bundle once.</summary>
    public static IEnumerable<BundleNode> All(BundleNode root)
    {
        var seen = new HashSet<Digest>();
        var stack = new Stack<BundleNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node.Image.Digest))
            {
                continue;
            }
            yield return node;
            for (int i = node.Nested.Count - 1; i >= 0; i--)
            {
                stack.Push(node.Nested[i]);
            }
        }
    }

    private static async Task<BundleNode> ReadNodeAsync(IImageStores stores, FetchedImage bundle, bool recursive, int concurrency, ConcurrentDictionary<Digest, Task<BundleNode>> seen, CancellationToken cancellationToken)
    {
        var imagesLock = await BundleFiles.ReadImagesLockAsync(bundle, cancellationToken).ConfigureAwait(false);
        var locations = await ReadLocationsAsync(bundle, cancellationToken).ConfigureAwait(false);
        bool relocated = locations is not null || await AllNextToBundleAsync(bundle, imagesLock, concurrency, cancellationToken).ConfigureAwait(false);

        var images = new BundleImage[imagesLock.Images.Count];
        using var throttle = new SemaphoreSlim(concurrency);
        await Task.WhenAll(imagesLock.Images.Select(async (entry, i) =>
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var original = ImageLocation.Parse(entry.Image);
                ImageLocation location = relocated ? bundle.Location.WithDigest(original.Digest!) : original;
                var resolved = await FetchedImage.FetchAsync(stores, location, cancellationToken).ConfigureAwait(false);
                bool isBundle = locations?.Images.FirstOrDefault(l => l.Image == entry.Image)?.IsBundle
                    ?? await resolved.IsBundleAsync(cancellationToken).ConfigureAwait(false);
                images[i] = new BundleImage(entry, resolved, isBundle);
            }
            finally
            {
                throttle.Release();
            }
        })).ConfigureAwait(false);

        var node = new BundleNode(bundle, imagesLock, images, relocated);
        if (recursive)
        {
            foreach (var nested in images.Where(i => i.IsBundle))
            {
                var child = await seen.GetOrAdd(nested.Image.Digest, _ => ReadNodeAsync(stores, nested.Image, recursive, concurrency, seen, cancellationToken)).ConfigureAwait(false);
                node.Nested.Add(child);
            }
        }
        return node;
    }

    /// <summary>Reads the locations image imgpkg (and Hull) write next to a copied bundle; null when there is none.</summary>
    public static async Task<ImageLocations?> ReadLocationsAsync(FetchedImage bundle, CancellationToken cancellationToken)
    {
        Hull.Oci.Manifests.Manifest manifest;
        try
        {
            manifest = await bundle.Store.GetManifestAsync(UploadTag.Locations(bundle.Digest.ToString()), cancellationToken).ConfigureAwait(false);
        }
        catch (OciNotFoundException)
        {
            return null;
        }
        catch (OciException ex) when (ex.Message.Contains("401", StringComparison.Ordinal) || ex.Message.Contains("403", StringComparison.Ordinal))
        {
            return null;
        }
        var image = new FetchedImage(bundle.Location.WithTag(UploadTag.Locations(bundle.Digest.ToString())), bundle.Store, manifest, null);
        byte[]? bytes = await BundleFiles.ReadFileAsync(image, ImageLocations.FileName, cancellationToken).ConfigureAwait(false)
            ?? throw new BundleException($"Locations image of '{bundle.DigestReference}' has no {ImageLocations.FileName}");
        return LockYaml.ParseImageLocations(bytes, $"{ImageLocations.FileName} of '{bundle.DigestReference}'");
    }

    private static async Task<bool> AllNextToBundleAsync(FetchedImage bundle, ImagesLock imagesLock, int concurrency, CancellationToken cancellationToken)
    {
        // imgpkg treats an empty ImagesLock as trivially relocated (and rewrites it on pull).
        using var throttle = new SemaphoreSlim(concurrency);
        bool[] found = await Task.WhenAll(imagesLock.Images.Select(async entry =>
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var digest = ImageLocation.Parse(entry.Image).Digest!;
                await bundle.Store.ResolveAsync(digest.ToString(), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (OciNotFoundException)
            {
                return false;
            }
            finally
            {
                throttle.Release();
            }
        })).ConfigureAwait(false);
        return found.All(f => f);
    }
}
