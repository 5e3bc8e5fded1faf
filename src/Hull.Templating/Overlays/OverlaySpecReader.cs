using Hull.Starlark.Values;
using Hull.Templating.Evaluation;

namespace Hull.Templating.Overlays;

/// <summary>Reads the `overlay/*` annotations of a right node (ytt's keyword names and error texts).</summary>
public static class OverlaySpecReader
{
    private static readonly (string Name, OverlayOp Op)[] s_ops =
    [
        (OverlayAnnotationNames.Merge, OverlayOp.Merge),
        (OverlayAnnotationNames.Remove, OverlayOp.Remove),
        (OverlayAnnotationNames.Replace, OverlayOp.Replace),
        (OverlayAnnotationNames.Insert, OverlayOp.Insert),
        (OverlayAnnotationNames.Append, OverlayOp.Append),
        (OverlayAnnotationNames.Assert, OverlayOp.Assert),
    ];

    /// <summary>The node's operation; <paramref name="fallback"/> when it names none.</summary>
    public static OverlayOp Op(NodeAnnotations? anns, OverlayOp fallback)
    {
        if (anns is null || anns.Count == 0) return fallback;
        OverlayOp? found = null;
        foreach (var (name, op) in s_ops)
        {
            if (!anns.ContainsKey(name)) continue;
            if (found is not null) throw new OverlayException("Expected to find only one overlay operation");
            found = op;
        }
        return found ?? fallback;
    }

    /// <summary>The node's `overlay/match`, with `expects`/`missing_ok`/`when` taken from <paramref name="defaults"/> when the node states none.</summary>
    public static MatchSpec Match(NodeAnnotations? anns, MatchDefaults defaults)
    {
        Value? by = null, expects = null, missingOk = null, when = null;
        bool annotated = false;
        if (anns is not null && anns.TryGetValue(OverlayAnnotationNames.Match, out var ann))
        {
            annotated = true;
            NoPositional(ann, OverlayAnnotationNames.Match);
            foreach (var kv in ann.Kwargs)
            {
                switch (kv.Key)
                {
                    case "by": by = kv.Value; break;
                    case "expects": expects = kv.Value; break;
                    case "missing_ok": missingOk = kv.Value; break;
                    case "when": when = kv.Value; break;
                    default: throw UnknownKwarg(OverlayAnnotationNames.Match, kv.Key);
                }
            }
        }
        expects ??= defaults.Expects;
        missingOk ??= defaults.MissingOk;
        when ??= defaults.When;
        return new MatchSpec(by, expects, missingOk, when, annotated);
    }

    /// <summary>The defaults the node's descendants inherit: its own `overlay/match-child-defaults`, else <paramref name="inherited"/>.</summary>
    public static MatchDefaults ChildDefaults(NodeAnnotations? anns, MatchDefaults inherited)
    {
        if (anns is null || !anns.TryGetValue(OverlayAnnotationNames.MatchChildDefaults, out var ann)) return inherited;
        NoPositional(ann, OverlayAnnotationNames.MatchChildDefaults);
        Value? expects = null, missingOk = null, when = null;
        foreach (var kv in ann.Kwargs)
        {
            switch (kv.Key)
            {
                case "expects": expects = kv.Value; break;
                case "missing_ok": missingOk = kv.Value; break;
                case "when": when = kv.Value; break;
                default: throw UnknownKwarg(OverlayAnnotationNames.MatchChildDefaults, kv.Key);
            }
        }
        return new MatchDefaults(expects, missingOk, when);
    }

    /// <summary>`overlay/replace` arguments: `via` (function) and `or_add`.</summary>
    public static (Value? Via, bool OrAdd) Replace(NodeAnnotations? anns)
    {
        Value? via = null;
        bool orAdd = false;
        if (anns is not null && anns.TryGetValue(OverlayAnnotationNames.Replace, out var ann))
        {
            foreach (var kv in ann.Kwargs)
            {
                switch (kv.Key)
                {
                    case "via": via = Function(OverlayAnnotationNames.Replace, "via", kv.Value); break;
                    case "or_add": orAdd = Bool(OverlayAnnotationNames.Replace, "or_add", kv.Value); break;
                    default: throw UnknownKwarg(OverlayAnnotationNames.Replace, kv.Key);
                }
            }
        }
        return (via, orAdd);
    }

    /// <summary>`overlay/insert` arguments: `before`, `after`, `via`.</summary>
    public static (bool Before, bool After, Value? Via) Insert(NodeAnnotations? anns)
    {
        bool before = false, after = false;
        Value? via = null;
        if (anns is not null && anns.TryGetValue(OverlayAnnotationNames.Insert, out var ann))
        {
            foreach (var kv in ann.Kwargs)
            {
                switch (kv.Key)
                {
                    case "before": before = Bool(OverlayAnnotationNames.Insert, "before", kv.Value); break;
                    case "after": after = Bool(OverlayAnnotationNames.Insert, "after", kv.Value); break;
                    case "via": via = Function(OverlayAnnotationNames.Insert, "via", kv.Value); break;
                    default: throw UnknownKwarg(OverlayAnnotationNames.Insert, kv.Key);
                }
            }
        }
        if (before == after)
        {
            throw new OverlayException($"Expected '{OverlayAnnotationNames.Insert}' annotation to have 'before' or 'after' keyword argument set to true (but not both)");
        }
        return (before, after, via);
    }

    /// <summary>`overlay/assert` argument `via`.</summary>
    public static Value? AssertVia(NodeAnnotations? anns)
    {
        Value? via = null;
        if (anns is not null && anns.TryGetValue(OverlayAnnotationNames.Assert, out var ann))
        {
            foreach (var kv in ann.Kwargs)
            {
                if (kv.Key != "via") throw UnknownKwarg(OverlayAnnotationNames.Assert, kv.Key);
                via = Function(OverlayAnnotationNames.Assert, "via", kv.Value);
            }
        }
        return via;
    }

    private static void NoPositional(NodeAnnotation ann, string name)
    {
        if (ann.Args.Length > 0) throw new OverlayException($"Expected '{name}' annotation to not have positional arguments");
    }

    private static OverlayException UnknownKwarg(string annotation, string kwarg) =>
        new($"Unknown '{annotation}' annotation keyword argument '{kwarg}'");

    private static Value Function(string annotation, string kwarg, Value v) => v is ICallable
        ? v
        : throw new OverlayException($"Expected '{annotation}' annotation keyword argument '{kwarg}' to be function, but was {StarlarkGoTypes.Of(v)}");

    private static bool Bool(string annotation, string kwarg, Value v) => v is BoolValue b
        ? b.Value
        : throw new OverlayException($"Expected '{annotation}' annotation keyword argument '{kwarg}' to be boolean, but was {StarlarkGoTypes.Of(v)}");
}
