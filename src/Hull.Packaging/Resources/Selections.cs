using Hull.Packaging.Resources.Serialization;
using Hull.Packaging.Versions;

namespace Hull.Packaging.Resources;

/// <summary>kapp-controller's <c>VersionSelectionSemver</c>: a semver range and which prereleases it admits.</summary>
public sealed record SemverSelection
{
    /// <summary>The range, e.g. <c>&gt;=1.0.0 &lt;2.0.0</c>.</summary>
    public string? Constraints { get; init; }

    /// <summary>Null: no prereleases; present with no identifiers: every prerelease; else those with a listed identifier.</summary>
    public SemverPrereleases? Prereleases { get; init; }

    /// <summary>The selection as <see cref="VersionSelection"/> evaluates it.</summary>
    public VersionSelection ToVersionSelection() =>
        new(Constraints ?? "", Prereleases is null ? null : new PrereleaseSelection(Prereleases.Identifiers ?? []));

    internal static ObjectCodec<SemverSelection> Codec { get; } = new ObjectCodec<SemverSelection>(() => new())
        .Field("constraints", x => x.Constraints, (x, v) => x with { Constraints = v }, ScalarCodecs.String)
        .Field("prereleases", x => x.Prereleases, (x, v) => x with { Prereleases = v }, SemverPrereleases.Codec);
}

/// <summary>Which prerelease identifiers a selection admits; none listed means all.</summary>
public sealed record SemverPrereleases
{
    /// <summary>The identifiers, e.g. <c>rc</c>, <c>beta</c>.</summary>
    public IReadOnlyList<string>? Identifiers { get; init; }

    internal static ObjectCodec<SemverPrereleases> Codec { get; } = new ObjectCodec<SemverPrereleases>(() => new())
        .Field("identifiers", x => x.Identifiers, (x, v) => x with { Identifiers = v }, CollectionCodecs.Strings);
}

/// <summary>kapp-controller's <c>VersionSelection</c> for fetching: choose a tag or git ref by semver.</summary>
public sealed record TagSelection
{
    /// <summary>The semver rule.</summary>
    public SemverSelection? Semver { get; init; }

    internal static ObjectCodec<TagSelection> Codec { get; } = new ObjectCodec<TagSelection>(() => new())
        .Field("semver", x => x.Semver, (x, v) => x with { Semver = v }, SemverSelection.Codec);
}

/// <summary>A semver range over a platform version (kapp-controller's or Kubernetes').</summary>
public sealed record VersionConstraints
{
    /// <summary>The range.</summary>
    public string? Constraints { get; init; }

    internal static ObjectCodec<VersionConstraints> Codec { get; } = new ObjectCodec<VersionConstraints>(() => new())
        .Field("constraints", x => x.Constraints, (x, v) => x with { Constraints = v }, ScalarCodecs.String);
}
