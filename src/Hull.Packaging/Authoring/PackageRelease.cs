using Hull.Bundles.Operations;
using Hull.Packaging.Resources;

namespace Hull.Packaging.Authoring;

/// <summary>What <c>hull package release</c> is asked to do.</summary>
/// <param name="Directory">The package folder (<c>package.yml</c>, <c>package-metadata.yml</c>, <c>config/</c>, <c>.imgpkg/</c>).</param>
/// <param name="Bundle">Where the bundle is pushed: a repository (the version becomes the tag) or a reference with a tag.</param>
public sealed record PackageReleaseRequest(string Directory, string Bundle)
{
    /// <summary>The version to release; null takes <c>package.yml</c>'s <c>spec.version</c>.</summary>
    public string? Version { get; init; }

    /// <summary>Release notes for <c>spec.releaseNotes</c>.</summary>
    public string? ReleaseNotes { get; init; }

    /// <summary>Licenses for <c>spec.licenses</c> (added to package.yml's).</summary>
    public IReadOnlyList<string> Licenses { get; init; } = [];

    /// <summary>Maintainers for the PackageMetadata (added to package-metadata.yml's).</summary>
    public IReadOnlyList<string> Maintainers { get; init; } = [];

    /// <summary>The release time (<c>spec.releasedAt</c>); null is now.</summary>
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>
    /// The bundle (by digest) this version was already released with: a bundle with other content is refused before
    /// anything is pushed, so the version's tag never moves (released versions are immutable).
    /// </summary>
    public string? ReleasedBundle { get; init; }
}

/// <summary>What a release produced.</summary>
/// <param name="Package">The Package: bundle by digest with kbld's annotation, template and deploy steps, values schema.</param>
/// <param name="Metadata">The PackageMetadata.</param>
/// <param name="Push">The pushed bundle.</param>
/// <param name="ImagesLock">The <c>.imgpkg/images.yml</c> text the bundle carries.</param>
public sealed record PackageReleaseResult(Package Package, PackageMetadata Metadata, PushResult Push, string ImagesLock);
