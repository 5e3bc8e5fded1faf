using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Yaml;

namespace Hull.Templating.Overlays;

/// <summary>overlay.all: matches every node.</summary>
public sealed class AllMatcher : OverlayMatcher
{
    /// <summary>The one instance.</summary>
    public static AllMatcher Instance { get; } = new();

    private AllMatcher() : base("overlay.all") { }

    /// <inheritdoc/>
    public override bool Matches(StarlarkThread thread, object? indexOrKey, object? left, object? right) => true;
}

/// <summary>overlay.index(i): matches the array item or document at index i.</summary>
public sealed class IndexMatcher(long index) : OverlayMatcher("overlay.index_matcher")
{
    /// <inheritdoc/>
    public override bool Matches(StarlarkThread thread, object? indexOrKey, object? left, object? right) =>
        YamlComparison.ScalarEquals(indexOrKey, index);
}

/// <summary>overlay.subset(x): matches nodes containing x.</summary>
public sealed class SubsetMatcher(object? expected) : OverlayMatcher("overlay.subset_matcher")
{
    /// <inheritdoc/>
    public override bool Matches(StarlarkThread thread, object? indexOrKey, object? left, object? right) =>
        YamlComparison.Contains(left, expected);
}

/// <summary>overlay.map_key(k): matches maps whose value at k equals the right map's value at k.</summary>
public sealed class MapKeyMatcher(string key) : OverlayMatcher("overlay.map_key_matcher")
{
    /// <inheritdoc/>
    public override bool Matches(StarlarkThread thread, object? indexOrKey, object? left, object? right) => MatchesKey(key, left, right);

    /// <summary>The map_key test for <paramref name="key"/>.</summary>
    public static bool MatchesKey(string key, object? left, object? right)
    {
        if (right is not Map rm) throw new OverlayException($"Expected right side to be a map, but was {YamlComparison.GoType(right)}");
        var r = rm.Find(key) ?? throw new OverlayException($"Expected right side to have map key '{key}'");
        if (left is not Map lm) return false;
        var l = lm.Find(key);
        return l is not null && YamlComparison.Difference(l.Value, r.Value) is null;
    }
}

/// <summary>overlay.and_op / overlay.or_op: all (or any) of the given matchers.</summary>
public sealed class LogicalMatcher(string name, Value[] matchers, bool all) : OverlayMatcher(name)
{
    /// <inheritdoc/>
    public override bool Matches(StarlarkThread thread, object? indexOrKey, object? left, object? right)
    {
        foreach (var m in matchers)
        {
            if (MatcherInvocation.Matches(thread, m, indexOrKey, left, right) != all) return !all;
        }
        return all;
    }
}

/// <summary>overlay.not_op(m): the negation of a matcher.</summary>
public sealed class NotMatcher(Value matcher) : OverlayMatcher("overlay.not_op_matcher")
{
    /// <inheritdoc/>
    public override bool Matches(StarlarkThread thread, object? indexOrKey, object? left, object? right) =>
        !MatcherInvocation.Matches(thread, matcher, indexOrKey, left, right);
}
