using Hull.Bundles.Contents;
using Hull.Bundles.Copying;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Locks;
using Hull.Bundles.Progress;
using Hull.Bundles.Tarball;
using Hull.Oci.Copying;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;
using Hull.Oci.Signatures;

namespace Hull.Bundles.Operations;

/// <summary>
/// imgpkg's thick <c>copy</c>: the bundle, every image of its ImagesLock, nested bundles and every platform of an
/// index, to a repository (each tagged <c>sha256-HEX.imgpkg</c>, plus a <c>.image-locations.imgpkg</c> image per
/// bundle) or to a tarball in imgpkg's format; with each image, the cosign images attached to it (<see cref="SignatureTags"/>)
/// unless <see cref="CopyOptions.CarrySignatures"/> is off.
/// </summary>
public sealed class BundleCopier
{
    /// <summary>The label imgpkg puts on the root bundle inside a tarball.</summary>
    public const string RootBundleLabel = "dev.carvel.imgpkg.copy.root-bundle";

    private readonly IImageStores _stores;
    private readonly CopyOptions _options;
    private readonly ITransferProgress _progress;
    private readonly Action<string> _log;

    /// <summary>Creates a copier; <paramref name="log"/> receives imgpkg-style <c>copy | …</c> lines.</summary>
    public BundleCopier(IImageStores stores, CopyOptions options, ITransferProgress progress, Action<string> log)
    {
        _stores = stores;
        _options = options;
        _progress = progress;
        _log = log;
    }

    private sealed record Item(IImageSource Source, Manifest Manifest, string Reference, string OrigRef, string Tag, bool IsRoot);

    /// <summary>Runs the copy.</summary>
    public async Task<CopyResult> CopyAsync(CopySource source, CopyDestination destination, CancellationToken cancellationToken)
    {
        if (source.Tarball is not null)
        {
            if (destination.Repository is null)
            {
                throw new BundleException("Copying from a tarball needs --to-repo");
            }
            return await ImportTarballAsync(source.Tarball, destination.Repository, cancellationToken).ConfigureAwait(false);
        }

        var (items, graph, imagesLockSource) = await CollectAsync(source, cancellationToken).ConfigureAwait(false);
        if (_options.CarrySignatures)
        {
            items.AddRange(await AttachedItemsAsync(items, cancellationToken).ConfigureAwait(false));
        }
        var root = items.FirstOrDefault(i => i.IsRoot);
        _log($"copy | exporting {items.Count} images...");
        foreach (var item in items)
        {
            _log($"copy | will export {item.Reference}");
        }
        _log($"copy | exported {items.Count} images");

        if (destination.Tarball is not null)
        {
            var exports = items.Select(i => new TarballExport(
                i.Source, i.Manifest.Descriptor, i.Reference, i.Tag, i.OrigRef,
                i.IsRoot && graph is not null ? new Dictionary<string, string> { [RootBundleLabel] = "" } : null,
                i.Manifest)).ToList();
            _log("copy | writing layers...");
            var result = await TarballWriter.WriteAsync(destination.Tarball, exports, _options.Concurrency, _options.Resume, _options.IncludeNonDistributable, _progress, cancellationToken).ConfigureAwait(false);
            if (result.LayersReused > 0)
            {
                _log($"copy | resumed: {result.LayersReused} layers already in the tarball, {result.LayersWritten} written");
            }
            return new CopyResult(null, root?.Tag, graph is not null, items.Count, result.LayersWritten);
        }

        var repo = destination.Repository ?? throw new BundleException("Copy needs --to-repo or --to-tar");
        var target = _stores.OpenStore(repo, forWrite: true);
        int blobs = await ImportAsync(items, repo, target, cancellationToken).ConfigureAwait(false);
        if (graph is not null)
        {
            await NoteCopyAsync(graph, repo, target, cancellationToken).ConfigureAwait(false);
        }
        ImagesLock? relocated = imagesLockSource is null ? null : new ImagesLock
        {
            Images = imagesLockSource.Images.Select(e => new ImagesLockEntry(repo.DigestReference(ImageLocation.Parse(e.Image).Digest!), e.Annotations)).ToList(),
        };
        return new CopyResult(root is null ? null : repo.DigestReference(root.Manifest.Digest), root?.Tag, graph is not null, items.Count, blobs, relocated);
    }

    private async Task<(List<Item> Items, BundleNode? Graph, ImagesLock? ImagesLock)> CollectAsync(CopySource source, CancellationToken cancellationToken)
    {
        ImageLocation? bundleLocation = source.Bundle;
        ImageLocation? imageLocation = source.Image;
        string? lockTag = null;
        if (source.LockFile is not null)
        {
            var parsed = LockYaml.ParseLockFile(await File.ReadAllBytesAsync(source.LockFile, cancellationToken).ConfigureAwait(false), source.LockFile);
            if (parsed.BundleLock is { } bundleLock)
            {
                bundleLocation = ImageReference.Parse(bundleLock.Image);
                lockTag = bundleLock.Tag;
            }
            else
            {
                var items = new List<Item>();
                foreach (var entry in parsed.ImagesLock!.Images)
                {
                    var image = await FetchedImage.FetchAsync(_stores, ImageLocation.Parse(entry.Image), cancellationToken).ConfigureAwait(false);
                    if (await image.IsBundleAsync(cancellationToken).ConfigureAwait(false))
                    {
                        throw new BundleException($"Unable to copy bundles using an Images Lock file (hint: Create a bundle with these images): '{entry.Image}' is a bundle");
                    }
                    items.Add(new Item(image.Store, image.Manifest, image.DigestReference, entry.Image, "", false));
                }
                return (items, null, parsed.ImagesLock);
            }
        }

        if (imageLocation is not null)
        {
            var image = await FetchedImage.FetchAsync(_stores, imageLocation, cancellationToken).ConfigureAwait(false);
            if (await image.IsBundleAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new BundleException($"Copying '{imageLocation}': Expected bundle flag when copying a bundle (hint: Use -b instead of -i for bundles)");
            }
            return ([new Item(image.Store, image.Manifest, image.DigestReference, image.DigestReference, image.Tag ?? "", true)], null, null);
        }

        var bundle = await FetchedImage.FetchAsync(_stores, bundleLocation ?? throw new BundleException("Copy needs -b, -i, --lock or --tar"), cancellationToken).ConfigureAwait(false);
        if (!await bundle.IsBundleAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new BundleException($"Copying '{bundleLocation}': Expected bundle image but found plain image (hint: Did you use -i instead of -b?)");
        }
        var graph = await BundleGraph.ReadAsync(_stores, bundle, recursive: true, _options.Concurrency, cancellationToken).ConfigureAwait(false);
        var list = new List<Item> { new(bundle.Store, bundle.Manifest, bundle.DigestReference, bundle.DigestReference, lockTag ?? bundle.Tag ?? "", true) };
        var seen = new HashSet<Digest> { bundle.Digest };
        foreach (var node in BundleGraph.All(graph))
        {
            foreach (var image in node.Images)
            {
                if (seen.Add(image.Image.Digest))
                {
                    list.Add(new Item(image.Image.Store, image.Image.Manifest, image.Image.DigestReference, image.Entry.Image, "", false));
                }
            }
        }
        return (list, graph, null);
    }

    // cosign's signatures, attestations and SBOMs of every image, tagged as at the source (imgpkg's --cosign-signatures
    // puts them in a tarball the same way: plain entries whose Tag is the cosign tag and whose OrigRef is empty).
    private async Task<IEnumerable<Item>> AttachedItemsAsync(IReadOnlyList<Item> items, CancellationToken cancellationToken)
    {
        var subjects = items.Select(i => new AttachmentSubject(i.Source, i.Manifest, i.Reference)).ToList();
        var attached = await AttachedImages.FindAsync(subjects, _options.Concurrency, cancellationToken).ConfigureAwait(false);
        return attached.Select(a => new Item(a.Source, a.Manifest, a.Reference, "", a.Tag, false));
    }

    private async Task<int> ImportAsync(IReadOnlyList<Item> items, ImageLocation repo, IImageStore target, CancellationToken cancellationToken)
    {
        _log($"copy | importing {items.Count} images...");
        long total = 0;
        foreach (var item in items)
        {
            total += await SizeAsync(item.Source, item.Manifest, cancellationToken).ConfigureAwait(false);
        }
        _progress.Begin("copying images", total, items.Count);
        var copier = new ImageCopier(Math.Max(8, _options.Concurrency), _options.BlobRetries);
        copier.BlobDone += blob =>
        {
            _progress.Advance(blob.Size);
            _progress.ItemDone(blob.Digest.ToString(), skipped: false);
        };
        using var images = new SemaphoreSlim(Math.Max(1, _options.Concurrency));
        try
        {
            // Plain images first, indexes after: an index's children are often items of their own, and the registry
            // must hold each child completely before the index that names it is pushed.
            foreach (var phase in items.GroupBy(i => i.Manifest.IsIndex).OrderBy(g => g.Key))
            {
                await Task.WhenAll(phase.Select(async item =>
                {
                    await images.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        string tag = _options.RepoBasedTags && item.OrigRef.Length > 0 ? UploadTag.RepoBased(item.OrigRef, item.Manifest.Digest.ToString()) : UploadTag.Default(item.Manifest.Digest.ToString());
                        // A registry holds a manifest only with everything it references, so one HEAD can stand for all its blobs.
                        if (await target.HasManifestAsync(item.Manifest.Descriptor, cancellationToken).ConfigureAwait(false))
                        {
                            await target.PutManifestAsync(item.Manifest, tag, cancellationToken).ConfigureAwait(false);
                            _progress.Advance(await SizeAsync(item.Source, item.Manifest, cancellationToken).ConfigureAwait(false));
                        }
                        else
                        {
                            await copier.CopyManifestAsync(item.Source, item.Manifest, target, tag, cancellationToken).ConfigureAwait(false);
                        }
                        if (item.Tag.Length > 0)
                        {
                            await target.PutManifestAsync(item.Manifest, item.Tag, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    catch (Hull.Oci.OciException ex)
                    {
                        throw new BundleException($"Copying '{item.Reference}' to '{repo.Repository}': {ex.Message}", ex);
                    }
                    finally
                    {
                        images.Release();
                    }
                })).ConfigureAwait(false);
            }
        }
        finally
        {
            _progress.End();
        }
        var stats = copier.Statistics;
        _log($"copy | done uploading images ({stats.BlobsCopied} blobs transferred, {stats.BytesCopied} bytes; {stats.BlobsSkipped} already present; {stats.BlobsMounted} mounted)");
        _log("copy | Tagging images");
        return (int)copier.Statistics.BlobsCopied;
    }

    private static async Task<long> SizeAsync(IImageSource source, Manifest manifest, CancellationToken cancellationToken)
    {
        if (!manifest.IsIndex)
        {
            return manifest.Children().Sum(c => c.Size);
        }
        long sum = 0;
        foreach (var child in manifest.AsIndex().Manifests)
        {
            sum += await SizeAsync(source, await source.GetManifestAsync(child.Digest.ToString(), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        return sum;
    }

    // imgpkg records, next to each copied bundle, which images it references and which of them are bundles, so
    // later pulls and copies from the destination need not look anywhere else.
    private async Task NoteCopyAsync(BundleNode graph, ImageLocation repo, IImageStore target, CancellationToken cancellationToken)
    {
        foreach (var node in BundleGraph.All(graph))
        {
            var locations = new ImageLocations(node.Images.Select(i => new ImageLocationEntry(i.Entry.Image, i.IsBundle)).ToList());
            string dir = Directory.CreateTempSubdirectory("hull-locations-").FullName;
            try
            {
                string file = Path.Combine(dir, ImageLocations.FileName);
                await File.WriteAllBytesAsync(file, LockYaml.Emit(locations), cancellationToken).ConfigureAwait(false);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
                using var layer = await LayerBuilder.BuildAsync(new LayerOptions([dir], []), _ => { }, Path.GetTempPath(), cancellationToken).ConfigureAwait(false);
                var (manifest, config) = BundlePusher.BuildImage(layer, new Dictionary<string, string>());
                var image = manifest.AsImage();
                if (!await target.HasBlobAsync(image.Layers[0], cancellationToken).ConfigureAwait(false))
                {
                    await using var stream = File.OpenRead(layer.Path);
                    await target.PutBlobAsync(image.Layers[0], stream, cancellationToken).ConfigureAwait(false);
                }
                if (!await target.HasBlobAsync(image.Config, cancellationToken).ConfigureAwait(false))
                {
                    await target.PutBlobAsync(image.Config, new MemoryStream(config), cancellationToken).ConfigureAwait(false);
                }
                await target.PutManifestAsync(manifest, UploadTag.Locations(node.Image.Digest.ToString()), cancellationToken).ConfigureAwait(false);
            }
            catch (Hull.Oci.OciException ex)
            {
                throw new BundleException($"Creating copy information for bundle {repo.DigestReference(node.Image.Digest)}: {ex.Message}", ex);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private async Task<CopyResult> ImportTarballAsync(string path, ImageLocation repo, CancellationToken cancellationToken)
    {
        var tarball = TarballReader.Open(path);
        var items = new List<Item>();
        Item? root = null;
        foreach (var entry in tarball.Items)
        {
            string digest = entry.ImageIndex?.Digest ?? entry.Image?.Manifest.Digest ?? throw new BundleException($"Reading tarball '{path}': an entry is neither image nor index");
            var manifest = await tarball.GetManifestAsync(digest, cancellationToken).ConfigureAwait(false);
            var labels = entry.ImageIndex?.Labels ?? entry.Image?.Labels;
            string tag = entry.ImageIndex?.Tag ?? entry.Image?.Tag ?? "";
            if (!_options.CarrySignatures && SignatureTags.IsAttachmentTag(tag))
            {
                continue;
            }
            string reference = (entry.ImageIndex?.Refs ?? entry.Image?.Refs)?.FirstOrDefault() ?? digest;
            string origRef = entry.ImageIndex?.OrigRef ?? entry.Image?.OrigRef ?? "";
            var item = new Item(tarball, manifest, reference, origRef.Length > 0 ? origRef : reference, tag, labels?.ContainsKey(RootBundleLabel) == true);
            items.Add(item);
            if (item.IsRoot)
            {
                root = item;
            }
        }
        var target = _stores.OpenStore(repo, forWrite: true);
        int blobs = await ImportAsync(items, repo, target, cancellationToken).ConfigureAwait(false);

        // Older tarballs and image copies have no root label: a single image (beside its signatures) is the root.
        var subjects = items.Where(i => !SignatureTags.IsAttachmentTag(i.Tag)).ToList();
        root ??= subjects.Count == 1 ? subjects[0] : null;
        bool isBundle = false;
        if (root is not null)
        {
            // The tarball holds every image by digest, so the bundle graph is read from it, not the registry.
            var local = new TarballStores(tarball);
            var copied = new FetchedImage(repo.WithDigest(root.Manifest.Digest), local.Store, root.Manifest, null);
            isBundle = await copied.IsBundleAsync(cancellationToken).ConfigureAwait(false);
            if (isBundle)
            {
                var graph = await BundleGraph.ReadAsync(local, copied, recursive: true, _options.Concurrency, cancellationToken).ConfigureAwait(false);
                await NoteCopyAsync(graph, repo, target, cancellationToken).ConfigureAwait(false);
            }
        }
        return new CopyResult(root is null ? null : repo.DigestReference(root.Manifest.Digest), root?.Tag, isBundle, items.Count, blobs);
    }

    // Serves every location from a tarball: it holds each image of the copy under its digest.
    private sealed class TarballStores(TarballReader tarball) : IImageStores
    {
        public IImageStore Store { get; } = new ReadOnlyStore(tarball);

        public IImageStore Open(ImageLocation location, bool forWrite = false) => Store;
    }

    private sealed class ReadOnlyStore(TarballReader tarball) : IImageStore
    {
        public string Location => tarball.Location;

        public Task<Descriptor> ResolveAsync(string? identifier, CancellationToken cancellationToken = default) => tarball.ResolveAsync(identifier, cancellationToken);

        public Task<Manifest> GetManifestAsync(string? identifier, CancellationToken cancellationToken = default) => tarball.GetManifestAsync(identifier, cancellationToken);

        public Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken = default) => tarball.OpenBlobAsync(blob, cancellationToken);

        public Task<bool> HasBlobAsync(Descriptor blob, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task PutBlobAsync(Descriptor blob, Stream content, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> TryMountBlobAsync(Descriptor blob, IImageSource from, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> HasManifestAsync(Descriptor manifest, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task PutManifestAsync(Manifest manifest, string? tag, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
