using Hull.Oci.Storage;
using Hull.Bundles.Images;
using Hull.Bundles.Operations;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.App;

namespace Hull.Packaging.Repositories;

/// <summary>What a repository release pushed and the PackageRepository that points at it.</summary>
/// <param name="Push">The pushed bundle.</param>
/// <param name="Files">The bundle's files.</param>
/// <param name="Repository">A PackageRepository fetching the bundle by its tag, so new releases reach subscribers.</param>
public sealed record RepositoryRelease(PushResult Push, IReadOnlyList<RepositoryFile> Files, PackageRepository Repository);

/// <summary><c>hull repo release</c>: build the repository bundle, push it, describe it as a PackageRepository.</summary>
public static class RepositoryPublisher
{
    /// <summary>Checks and stages the files, pushes them as a bundle to <paramref name="target"/> (tag moved last), returns the PackageRepository.</summary>
    public static async Task<RepositoryRelease> PublishAsync(
        IImageStores stores,
        RepositoryBuilder builder,
        ImageLocation target,
        ObjectMeta metadata,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        // Build (and so validate) before anything is pushed: a bad repository leaves the registry untouched.
        var files = builder.Build(target.ToString()!);
        if (target.Digest is not null)
        {
            throw new RepositoryException(target.ToString()!, ["a release needs a tag to push to, not a digest"]);
        }
        string tag = target.Tag ?? ImageReference.DefaultTag;
        var tagged = target.WithTag(tag);
        using var layer = await RepositoryLayer.BuildAsync(files, log, cancellationToken).ConfigureAwait(false);
        var (manifest, config) = BundlePusher.BuildImage(layer, new Dictionary<string, string> { [ImageConfig.BundleLabel] = "true" });
        try
        {
            var store = stores.OpenStore(tagged, forWrite: true);
            var image = manifest.AsImage();
            if (!await store.HasBlobAsync(image.Layers[0], cancellationToken).ConfigureAwait(false))
            {
                await using var stream = new FileStream(layer.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                await store.PutBlobAsync(image.Layers[0], stream, cancellationToken).ConfigureAwait(false);
            }
            if (!await store.HasBlobAsync(image.Config, cancellationToken).ConfigureAwait(false))
            {
                await store.PutBlobAsync(image.Config, new MemoryStream(config), cancellationToken).ConfigureAwait(false);
            }
            // The manifest goes last, with the tag: subscribers see the old repository or the whole new one.
            await store.PutManifestAsync(manifest, tag, cancellationToken).ConfigureAwait(false);
        }
        catch (Hull.Oci.OciException ex)
        {
            throw new RepositoryException(tagged.ToString()!, [$"pushing: {ex.Message}"]);
        }
        var push = new PushResult(tagged.DigestReference(manifest.Digest), manifest.Digest, tag);
        var repository = new PackageRepository
        {
            Metadata = metadata with { Name = metadata.Name ?? DefaultName(target) },
            Spec = new PackageRepositorySpec
            {
                Fetch = new PackageRepositoryFetch { ImgpkgBundle = new AppFetchImgpkgBundle { Image = tagged.ToString() } },
            },
        };
        return new RepositoryRelease(push, files, repository);
    }

    // The last path segment of the bundle's repository, made a valid resource name.
    private static string DefaultName(ImageLocation target)
    {
        string repository = target.Repository.TrimEnd('/');
        string last = repository[(repository.LastIndexOfAny(['/', ':']) + 1)..].ToLowerInvariant();
        var name = new string(last.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray()).Trim('-', '.');
        return name.Length == 0 ? "repository" : name;
    }
}
