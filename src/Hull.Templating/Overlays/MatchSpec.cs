using Hull.Starlark.Values;

namespace Hull.Templating.Overlays;

/// <summary>`overlay/match-child-defaults`: expectations inherited by descendants that do not state their own.</summary>
/// <param name="Expects">Default `expects`.</param>
/// <param name="MissingOk">Default `missing_ok`.</param>
/// <param name="When">Default `when`.</param>
public sealed record MatchDefaults(Value? Expects, Value? MissingOk, Value? When)
{
    /// <summary>No defaults.</summary>
    public static MatchDefaults None { get; } = new(null, null, null);
}

/// <summary>The `overlay/match` of one right node, with child defaults filled in.</summary>
/// <param name="By">Matcher (function or map key string), or null for the node kind's default.</param>
/// <param name="Expects">`expects`, or null.</param>
/// <param name="MissingOk">`missing_ok`, or null.</param>
/// <param name="When">`when`, or null.</param>
/// <param name="Annotated">Whether the node carries `overlay/match` itself.</param>
public readonly record struct MatchSpec(Value? By, Value? Expects, Value? MissingOk, Value? When, bool Annotated);
