using Hull.Starlark.Values;

namespace Hull.Starlark.Builtins;

/// <summary>Set algebra and set methods (ytt's Starlark has only set.union).</summary>
internal static class SetOps
{
    public static SetValue Union(SetValue x, SetValue y)
    {
        var r = new SetValue();
        foreach (var v in x.Table.KeyList()) r.Add(v);
        foreach (var v in y.Table.KeyList()) r.Add(v);
        return r;
    }

    public static SetValue Intersection(SetValue x, SetValue y)
    {
        var r = new SetValue();
        foreach (var v in x.Table.KeyList()) if (y.Contains(v)) r.Add(v);
        return r;
    }

    public static SetValue Difference(SetValue x, SetValue y)
    {
        var r = new SetValue();
        foreach (var v in x.Table.KeyList()) if (!y.Contains(v)) r.Add(v);
        return r;
    }

    public static SetValue SymmetricDifference(SetValue x, SetValue y)
    {
        var r = new SetValue();
        foreach (var v in x.Table.KeyList()) if (!y.Contains(v)) r.Add(v);
        foreach (var v in y.Table.KeyList()) if (!x.Contains(v)) r.Add(v);
        return r;
    }

    public static Dictionary<string, MethodImpl> Create() => new()
    {
        ["union"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 1, 1);
            var s = (SetValue)r;
            var res = new SetValue();
            foreach (var v in s.Table.KeyList()) res.Add(v);
            foreach (var v in Args.Iterable(name, "iterable", a[0])) res.Add(v);
            return res;
        },
    };
}
