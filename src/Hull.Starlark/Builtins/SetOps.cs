using Hull.Starlark.Values;

namespace Hull.Starlark.Builtins;

/// <summary>Set algebra and set methods.</summary>
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

    private static EvalException Named(string name, EvalException e) => new($"{name}: {e.Msg}");

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
        ["add"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 1, 1);
            try { ((SetValue)r).Add(a[0]); } catch (EvalException e) { throw Named(name, e); }
            return NoneValue.None;
        },
        ["remove"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 1, 1);
            bool found;
            try { found = ((SetValue)r).Table.Delete(a[0], out _); } catch (EvalException e) { throw Named(name, e); }
            if (!found) throw new EvalException($"{name}: missing key");
            return NoneValue.None;
        },
        ["discard"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 1, 1);
            try { ((SetValue)r).Table.Delete(a[0], out _); } catch (EvalException e) { throw Named(name, e); }
            return NoneValue.None;
        },
        ["clear"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 0, 0);
            try { ((SetValue)r).Table.Clear(); } catch (EvalException e) { throw Named(name, e); }
            return NoneValue.None;
        },
        ["pop"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 0, 0);
            var s = (SetValue)r;
            var first = s.Table.First() ?? throw new EvalException($"{name}: empty set");
            try { s.Table.Delete(first.Key, out _); } catch (EvalException e) { throw Named(name, e); }
            return first.Key;
        },
    };
}
