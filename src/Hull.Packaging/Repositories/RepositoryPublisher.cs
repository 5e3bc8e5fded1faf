using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Operations;
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
        IStoreResolver stores,
        RepositoryBuilder builder,
        ImageLocation target,
        ObjectMeta metadata,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        string staging = Path.Combine(Path.GetTempPath(), $"hull-repo-release-{Guid.NewGuid():N}");
        try
        {
            // Build (and so validate) before anything is pushed: a bad repository leaves the registry untouched.
            var files = await builder.WriteAsync(staging, target.ToString()!, cancellationToken).ConfigureAwait(false);
            var push = await BundlePusher.PushAsync(
                stores,
                new PushRequest(target, new LayerOptions([staging], LayerOptions.DefaultExclusions), Bundle: true, new Dictionary<string, string>()),
                log,
                cancellationToken).ConfigureAwait(false);
            string tagged = Locations.WithTag(target, push.Tag).ToString()!;
            var repository = new PackageRepository
            {
                Metadata = metadata with { Name = metadata.Name ?? DefaultName(target) },
                Spec = new PackageRepositorySpec
                {
                    Fetch = new PackageRepositoryFetch { ImgpkgBundle = new AppFetchImgpkgBundle { Image = tagged } },
                },
            };
            return new RepositoryRelease(push, files, repository);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    // The last path segment of the bundle's repository, made a valid resource name.
    private static string DefaultName(ImageLocation target)
    {
        string repository = Locations.Repository(target).TrimEnd('/');
        string last = repository[(repository.LastIndexOfAny(['/', ':']) + 1)..].ToLowerInvariant();
        var name = new string(last.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray()).Trim('-', '.');
        return name.Length == 0 ? "repository" : name;
    }
}
