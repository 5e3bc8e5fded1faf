using Hull.Starlark.Values;

namespace Hull.Starlark.Builtins;

internal static class DictMethods
{
    private static EvalException Named(string name, EvalException e) => new($"{name}: {e.Msg}");

    /// <summary>dict.update / dict(x): accepts a dict or an iterable of pairs.</summary>
    public static void Update(string name, DictValue d, Value src)
    {
        if (src is DictValue sd)
        {
            foreach (var kv in sd.Table.EntryList()) d.Table.Set(kv.Key, kv.Value);
            return;
        }
        if (src is not IIterable it) throw new EvalException($"{name}: got {src.Type}, want iterable");
        int i = 0;
        foreach (var pair in it.Iterate().ToList())
        {
            if (pair is not IIterable pi || pair is StringValue)
                throw new EvalException($"{name}: dictionary update sequence element #{i} is not iterable ({pair.Type})");
            var items = pi.Iterate().ToList();
            if (items.Count != 2)
                throw new EvalException($"{name}: dictionary update sequence element #{i} has length {items.Count}, want 2");
            d.Table.Set(items[0], items[1]);
            i++;
        }
    }

    public static Dictionary<string, MethodImpl> Create() => new()
    {
        ["clear"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 0, 0);
            try { ((DictValue)r).Table.Clear(); } catch (EvalException e) { throw Named(name, e); }
            return NoneValue.None;
        },
        ["get"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 1, 2);
            return ((DictValue)r).Table.TryGet(a[0], out var v) ? v : a.Length > 1 ? a[1] : NoneValue.None;
        },
        ["items"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 0, 0);
            return new ListValue(((DictValue)r).Table.EntryList().Select(kv => (Value)new TupleValue([kv.Key, kv.Value])).ToList());
        },
        ["keys"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 0, 0);
            return new ListValue(((DictValue)r).Table.KeyList());
        },
        ["values"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 0, 0);
            return new ListValue(((DictValue)r).Table.EntryList().Select(kv => kv.Value).ToList());
        },
        ["pop"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 1, 2);
            bool found;
            Value v;
            try { found = ((DictValue)r).Table.Delete(a[0], out v); } catch (EvalException e) { throw Named(name, e); }
            if (found) return v;
            if (a.Length > 1) return a[1];
            throw new EvalException($"{name}: missing key");
        },
        ["popitem"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 0, 0);
            var d = (DictValue)r;
            var first = d.Table.First() ?? throw new EvalException($"{name}: empty dict");
            try { d.Table.Delete(first.Key, out _); } catch (EvalException e) { throw Named(name, e); }
            return new TupleValue([first.Key, first.Value]);
        },
        ["setdefault"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 1, 2);
            var d = (DictValue)r;
            if (d.Table.TryGet(a[0], out var v)) return v;
            var dflt = a.Length > 1 ? a[1] : NoneValue.None;
            try { d.Table.Set(a[0], dflt); } catch (EvalException e) { throw Named(name, e); }
            return dflt;
        },
        ["update"] = (t, name, r, a, k) =>
        {
            if (a.Length > 1) throw new EvalException($"{name}: got {a.Length} arguments, want at most 1");
            var d = (DictValue)r;
            try
            {
                if (a.Length == 1) Update(name, d, a[0]);
                if (k != null) foreach (var kv in k) d.Set(kv.Key, kv.Value);
            }
            catch (EvalException e) when (!e.Msg.StartsWith(name + ":", StringComparison.Ordinal))
            {
                throw Named(name, e);
            }
            return NoneValue.None;
        },
    };
}
