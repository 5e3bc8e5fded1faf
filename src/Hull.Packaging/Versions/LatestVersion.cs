using Semver;

namespace Hull.Packaging.Versions;

/// <summary>
/// The version a package listing calls its latest (tanzu's LATEST-VERSION): the highest release, or the highest
/// prerelease when there is no release.
/// </summary>
public static class LatestVersion
{
    /// <summary>The latest of <paramref name="ascending"/> (lowest first, by precedence); null when it is empty.</summary>
    public static SemVersion? Of(IReadOnlyList<SemVersion> ascending) =>
        ascending.LastOrDefault(v => !v.IsPrerelease) ?? ascending.LastOrDefault();
}
