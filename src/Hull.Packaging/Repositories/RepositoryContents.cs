using Hull.Oci.Storage;
using Hull.Bundles.Images;
using Hull.Bundles.Contents;
using Hull.Bundles.Locks;
using Hull.Oci;
using Hull.Oci.References;
using Hull.Oci.Signatures;
using Hull.Packaging.Resources;
using Hull.Packaging.Versions;
using Semver;

namespace Hull.Packaging.Repositories;

/// <summary>A Package of a repository, its parsed version, and where it was defined.</summary>
/// <param name="Package">The resource.</param>
/// <param name="Version">Its <c>spec.version</c>, parsed.</param>
/// <param name="File">The file inside the repository.</param>
/// <param name="Document">The 1-based document index in that file.</param>
public sealed record RepositoryPackage(Package Package, SemVersion Version, string File, int Document)
{
    /// <summary>The package's name (its PackageMetadata's name).</summary>
    public string RefName => Package.Spec.RefName ?? "";

    /// <summary>The file's text when the file holds only this resource (reused verbatim on re-release), else null.</summary>
    public string? Text { get; init; }
}

/// <summary>A PackageMetadata of a repository and where it was defined.</summary>
/// <param name="Metadata">The resource.</param>
/// <param name="File">The file inside the repository.</param>
/// <param name="Document">The 1-based document index in that file.</param>
public sealed record RepositoryMetadata(PackageMetadata Metadata, string File, int Document)
{
    /// <summary>The file's text when the file holds only this resource (reused verbatim on re-release), else null.</summary>
    public string? Text { get; init; }
}

/// <summary>The contents of a package repository: its packages by name and version, their metadata, its ImagesLock.</summary>
public sealed class RepositoryContents
{
    private readonly Dictionary<string, List<RepositoryPackage>> _byName;

    /// <summary>Builds the contents; <paramref name="packages"/> need not be sorted.</summary>
    public RepositoryContents(
        string origin,
        IEnumerable<RepositoryPackage> packages,
        IReadOnlyDictionary<string, RepositoryMetadata> metadata,
        ImagesLock? imagesLock,
        IReadOnlyList<string> warnings,
        ImageLocation? bundle = null)
    {
        Origin = origin;
        Bundle = bundle;
        Metadata = metadata;
        ImagesLock = imagesLock;
        Warnings = warnings;
        _byName = packages
            .GroupBy(p => p.RefName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Version, SemVersion.PrecedenceComparer).ToList(), StringComparer.Ordinal);
        PackageNames = _byName.Keys.Concat(metadata.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The folder or bundle reference the repository was read from.</summary>
    public string Origin { get; }

    /// <summary>The repository bundle (by digest) when read from a registry or layout; null for a folder.</summary>
    public ImageLocation? Bundle { get; }

    /// <summary>Every package name (with versions or metadata), sorted.</summary>
    public IReadOnlyList<string> PackageNames { get; }

    /// <summary>PackageMetadata by name.</summary>
    public IReadOnlyDictionary<string, RepositoryMetadata> Metadata { get; }

    /// <summary>The repository bundle's <c>.imgpkg/images.yml</c>, when present.</summary>
    public ImagesLock? ImagesLock { get; }

    /// <summary>
    /// The verdict on the repository bundle's signature when it was read as a verified repository (null otherwise).
    /// A verified repository vouches only for the package bundles its ImagesLock binds by digest.
    /// </summary>
    public SignatureVerification? Verification { get; internal set; }

    /// <summary>Things that work but look wrong (unknown fields, packages without metadata, bundles missing from the lock).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Every Package, by name then version.</summary>
    public IEnumerable<RepositoryPackage> Packages => PackageNames.SelectMany(n => _byName.GetValueOrDefault(n) ?? []);

    /// <summary>A package's versions, lowest first; throws naming the available packages when it is unknown.</summary>
    public IReadOnlyList<RepositoryPackage> Versions(string refName)
    {
        if (_byName.TryGetValue(refName, out var versions))
        {
            return versions;
        }
        string known = PackageNames.Count == 0 ? "it has no packages" : $"packages: {string.Join(", ", PackageNames)}";
        string? near = PackageNames.FirstOrDefault(n => n.StartsWith(refName + ".", StringComparison.Ordinal) || n.Contains(refName, StringComparison.OrdinalIgnoreCase));
        throw new RepositoryException(Origin, [
            Metadata.ContainsKey(refName)
                ? $"package '{refName}' has metadata but no versions"
                : $"package '{refName}' not found{(near is null ? "" : $" (did you mean '{near}'?)")}; {known}"]);
    }

    /// <summary>A package's latest version (see <see cref="Hull.Packaging.Versions.LatestVersion"/>); null when it has none or is unknown.</summary>
    public SemVersion? LatestVersion(string refName) =>
        _byName.TryGetValue(refName, out var versions) ? Hull.Packaging.Versions.LatestVersion.Of(versions.Select(p => p.Version).ToList()) : null;

    /// <summary>The Package with exactly this version (semver precedence and build metadata both equal).</summary>
    public RepositoryPackage Find(string refName, string version)
    {
        var versions = Versions(refName);
        var wanted = ParseVersion(version);
        return versions.FirstOrDefault(p => wanted is not null && p.Version.Equals(wanted))
            ?? throw new RepositoryException(Origin, [$"package '{refName}' has no version '{version}'; versions: {string.Join(", ", versions.Select(p => p.Version))}"]);
    }

    /// <summary>The highest version <paramref name="selection"/> admits, as kapp-controller selects for a PackageInstall.</summary>
    /// <exception cref="VersionSelectionException">Nothing matches; the message lists the available versions.</exception>
    public RepositoryPackage Select(string refName, VersionSelection selection)
    {
        var versions = Versions(refName);
        SemVersion best;
        try
        {
            best = selection.Select(versions.Select(p => p.Version.ToString()));
        }
        catch (VersionSelectionException ex)
        {
            throw new VersionSelectionException($"package '{refName}' in repository '{Origin}': {ex.Message}");
        }
        return versions.Last(p => p.Version.Equals(best));
    }

    /// <summary>
    /// Where a package's bundle can be fetched now. A repository copied with imgpkg (or Hull) carries its package
    /// bundles next to it, in the repository bundle's own repository; kapp-controller finds them there through the
    /// repository's ImagesLock, and so does this: the bundle's digest next to the repository if present, else the
    /// reference the Package names.
    /// </summary>
    public async Task<string?> LocateBundleAsync(RepositoryPackage package, IImageStores stores, CancellationToken cancellationToken)
    {
        string? image = package.Package.Spec.Template?.Spec?.Fetch?.Select(f => f.ImgpkgBundle?.Image).FirstOrDefault(i => i is not null);
        if (Verification is not null && image is not null)
        {
            return await LocateVouchedAsync(package, image, stores, cancellationToken).ConfigureAwait(false);
        }
        if (image is null || Bundle is null || BundleReferences.DigestOf(image) is not Digest digest)
        {
            return image;
        }
        return await BesideOrAsync(digest, image, stores, cancellationToken).ConfigureAwait(false);
    }

    // A verified repository's package bundle is fetched only by a digest its signed ImagesLock binds: a tag is resolved
    // first, and one that now points at other content (pushed after the release) is refused, as apt refuses a package
    // whose hash is not the one its signed index lists.
    private async Task<string> LocateVouchedAsync(RepositoryPackage package, string image, IImageStores stores, CancellationToken cancellationToken)
    {
        string what = $"{package.File}: bundle '{image}' of {package.RefName} {package.Version}";
        ImageLocation location;
        try
        {
            location = ImageLocation.Parse(image);
        }
        catch (ReferenceFormatException ex)
        {
            throw new RepositoryException(Origin, [$"{what}: {ex.Message}"]);
        }
        var digest = location.Digest;
        if (digest is null)
        {
            try
            {
                digest = (await stores.OpenStore(location).ResolveAsync(location.Identifier, cancellationToken).ConfigureAwait(false)).Digest;
            }
            catch (OciException ex)
            {
                throw new RepositoryException(Origin, [$"{what}: {ex.Message}"]);
            }
        }
        var locked = ImagesLock?.Images.Select(i => BundleReferences.DigestOf(i.Image)).OfType<Digest>().ToHashSet() ?? [];
        if (!locked.Contains(digest))
        {
            throw new RepositoryException(Origin, [
                $"{what} is {digest}, which the signed {BundleFiles.ImagesLockPath} does not bind "
                + "(a verified repository vouches only for the bundles its ImagesLock names by digest)"]);
        }
        return await BesideOrAsync(digest, location.WithDigest(digest).ToString()!, stores, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> BesideOrAsync(Digest digest, string image, IImageStores stores, CancellationToken cancellationToken)
    {
        if (Bundle is null)
        {
            return image;
        }
        var beside = Bundle.WithDigest(digest);
        try
        {
            await stores.OpenStore(beside).ResolveAsync(digest.ToString(), cancellationToken).ConfigureAwait(false);
            return beside.ToString();
        }
        catch (OciNotFoundException)
        {
            return image;
        }
    }

    /// <summary>Parses a package version as kapp-controller accepts it: semver 2.0, optionally with a leading <c>v</c>.</summary>
    public static SemVersion? ParseVersion(string? text) =>
        text is not null && SemVersion.TryParse(text.StartsWith('v') ? text[1..] : text, SemVersionStyles.Strict, out var v) ? v : null;
}
