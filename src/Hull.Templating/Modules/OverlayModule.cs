using Hull.Starlark.Values;
using Hull.Templating.Overlays;
using Hull.Templating.Values;
using Hull.Yaml;

namespace Hull.Templating.Modules;

/// <summary>`@ytt:overlay`: apply and the matchers (all, index, subset, map_key, and_op, or_op, not_op).</summary>
public static class OverlayModule
{
    /// <summary>The module.</summary>
    public static ModuleValue Create()
    {
        var members = new KeyValuePair<string, Value>[]
        {
            new("apply", HostFunction.Create("overlay.apply", Apply)),
            new("all", AllMatcher.Instance),
            new("index", HostFunction.Create("overlay.index", a =>
            {
                a.Exactly(1);
                return a.Positional[0] is IntValue { IsSmall: true } i
                    ? new IndexMatcher(i.Small)
                    : throw new HostError($"expected argument #1 to be an int, but was {a.Positional[0].Type}");
            })),
            new("subset", HostFunction.Create("overlay.subset", a =>
            {
                a.Exactly(1);
                return new SubsetMatcher(NodeConversion.ToYaml(a.Positional[0]));
            })),
            new("map_key", HostFunction.Create("overlay.map_key", a =>
            {
                a.Exactly(1);
                return new MapKeyMatcher(a.String(0));
            })),
            new("and_op", HostFunction.Create("overlay.and_op", a => new LogicalMatcher("overlay.and_op_matcher", Matchers(a), all: true))),
            new("or_op", HostFunction.Create("overlay.or_op", a => new LogicalMatcher("overlay.or_op_matcher", Matchers(a), all: false))),
            new("not_op", HostFunction.Create("overlay.not_op", a =>
            {
                a.Exactly(1);
                return new NotMatcher(Matchers(a)[0]);
            })),
        };
        return new ModuleValue("overlay", members);
    }

    private static Value[] Matchers(HostArgs a)
    {
        if (a.Named.Length > 0) throw new HostError($"unexpected keyword argument \"{a.Named[0].Key}\"");
        foreach (var m in a.Positional)
        {
            if (m is not ICallable) throw new HostError($"expected argument to be a function, but was {StarlarkGoTypes.Of(m)}");
        }
        return a.Positional;
    }

    private static Value Apply(HostArgs a)
    {
        if (a.Named.Length > 0) throw new HostError($"unexpected keyword argument \"{a.Named[0].Key}\"");
        a.AtLeast(1);
        // The left is copied (the caller's fragment stays as it was); right-hand nodes are only read.
        object? left = a.Positional[0] is YamlFragment lf ? lf.Node.DeepCopy() : NodeConversion.ToYaml(a.Positional[0]);
        var engine = new OverlayEngine(a.Thread);
        try
        {
            for (int i = 1; i < a.Positional.Length; i++)
            {
                object? right = a.Positional[i] is YamlFragment rf ? rf.Node : NodeConversion.ToYaml(a.Positional[i]);
                left = engine.Apply(left, right);
            }
        }
        catch (OverlayException e)
        {
            throw new HostError(e.Message);
        }
        return left is Node ? YamlFragment.Of(left) : NodeConversion.ToStarlark(left);
    }
}
