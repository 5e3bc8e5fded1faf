using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.Values;

namespace Hull.Templating.Overlays;

/// <summary>Runs any `by=` value: a built-in matcher, a map key string (shorthand for map_key) or a Starlark function of (index_or_key, left, right).</summary>
public static class MatcherInvocation
{
    /// <summary>Whether <paramref name="by"/> matches; Starlark failures become <see cref="OverlayException"/>s.</summary>
    public static bool Matches(StarlarkThread thread, Value by, object? indexOrKey, object? left, object? right)
    {
        WalkDepth.EnsureStack("match");
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
