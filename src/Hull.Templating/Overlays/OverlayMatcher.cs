using System.Text;
using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.Values;
using Hull.Yaml;

namespace Hull.Templating.Overlays;

/// <summary>
/// A matcher made by `@ytt:overlay` (all, index, subset, map_key, and_op, or_op, not_op). Callable from Starlark as
/// `m(index_or_key, left, right)`; the overlay engine calls <see cref="Matches"/> directly on YAML nodes, so built-in
/// matchers never convert nodes to Starlark values.
/// </summary>
public abstract class OverlayMatcher(string name) : Value, ICallable
{
    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public override string Type => "builtin_function_or_method";

    /// <inheritdoc/>
    public override int Hash() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => sb.Append("<built-in function ").Append(Name).Append('>');

    /// <summary>Whether the left node (a value: map, array, scalar) at <paramref name="indexOrKey"/> matches the right one.</summary>
    public abstract bool Matches(StarlarkThread thread, object? indexOrKey, object? left, object? right);

    /// <inheritdoc/>
    public Value Call(StarlarkThread thread, Value[] args, KeyValuePair<string, Value>[]? kwargs)
    {
        if (kwargs is { Length: > 0 }) throw new EvalException($"{Name}: unexpected keyword argument \"{kwargs[0].Key}\"");
        if (args.Length != 3) throw new EvalException($"{Name}: got {args.Length} arguments, want 3");
        try
        {
            return BoolValue.Of(Matches(thread, NodeConversion.ToYaml(args[0]), AsYaml(args[1]), AsYaml(args[2])));
        }
        catch (OverlayException e)
        {
            throw new EvalException($"{Name}: {e.Message}");
        }
    }

    // Fragments are read in place: matching never changes them.
    private static object? AsYaml(Value v) => v is YamlFragment f ? f.Node : NodeConversion.ToYaml(v);
}

/// <summary>Runs any `by=` value: a built-in matcher, a map key string (shorthand for map_key) or a Starlark function of (index_or_key, left, right).</summary>
public static class MatcherInvocation
{
    /// <summary>Whether <paramref name="by"/> matches; Starlark failures become <see cref="OverlayException"/>s.</summary>
    public static bool Matches(StarlarkThread thread, Value by, object? indexOrKey, object? left, object? right)
    {
        switch (by)
        {
            case OverlayMatcher m:
                return m.Matches(thread, indexOrKey, left, right);
            case StringValue s:
                return MapKeyMatcher.MatchesKey(s.Value, left, right);
            case ICallable:
                {
                    Value result;
                    try
                    {
                        result = thread.Call(by, NodeConversion.ToStarlark(indexOrKey), NodeConversion.ToStarlark(left), NodeConversion.ToStarlark(right));
                    }
                    catch (EvalException e)
                    {
                        throw new OverlayException(e.Msg);
                    }
                    return result is BoolValue b
                        ? b.Value
                        : throw new OverlayException($"Expected matcher to return bool, but was {StarlarkGoTypes.Of(result)}");
                }
            default:
                throw new OverlayException($"Expected '{OverlayAnnotationNames.Match}' annotation keyword argument 'by' to be either string (for map key) or function, but was {StarlarkGoTypes.Of(by)}");
        }
    }
}

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
