using Hull.Failures;
using Semver;

namespace Hull.Packaging.Versions;

/// <summary>
/// kapp-controller's <c>versionSelection</c>: constraints, and which prereleases may be chosen
/// (none when <see cref="Prereleases"/> is null, all when it has no identifiers, else those with a listed identifier).
/// </summary>
public sealed record VersionSelection(string Constraints, PrereleaseSelection? Prereleases = null)
{
    /// <summary>Chooses the highest version that satisfies the selection, or explains why none does.</summary>
    public SemVersion Select(IEnumerable<string> available)
    {
        var range = VersionRange.Parse(Constraints);
        var versions = available.Select(ParseAvailable).OfType<SemVersion>().ToList();
        var best = versions
            .Where(v => range.Contains(v) && Admits(v))
            .OrderByDescending(v => v, SemVersion.PrecedenceComparer)
            .FirstOrDefault();
        if (best is null)
        {
            var listed = versions.OrderBy(v => v, SemVersion.PrecedenceComparer).Select(v => v.ToString());
            string list = versions.Count == 0 ? "none" : string.Join(", ", listed);
            throw new VersionSelectionException(
                $"no version satisfies constraints '{Constraints}'{(Prereleases is null ? " (prereleases excluded)" : "")}; available: {list}");
        }
        return best;
    }

    private bool Admits(SemVersion v)
    {
        if (!v.IsPrerelease)
        {
            return true;
        }
        if (Prereleases is null)
        {
            return false;
        }
        return Prereleases.Identifiers.Count == 0
            || v.PrereleaseIdentifiers.Any(id => Prereleases.Identifiers.Contains(id.Value, StringComparer.Ordinal));
    }

    // Versions that are not semver cannot be ordered; kapp-controller ignores them when selecting.
    private static SemVersion? ParseAvailable(string text) =>
        SemVersion.TryParse(text.StartsWith('v') ? text[1..] : text, SemVersionStyles.Strict, out var v) ? v : null;
}

/// <summary>Which prerelease versions a selection may choose; no identifiers means every prerelease.</summary>
public sealed record PrereleaseSelection(IReadOnlyList<string> Identifiers);

/// <summary>No available version satisfies a version selection.</summary>
public sealed class VersionSelectionException(string message) : HullException(message);
