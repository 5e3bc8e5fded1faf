using Hull.Starlark.Values;

namespace Hull.Starlark.Builtins;

internal static class ListMethods
{
    private static EvalException Named(string name, EvalException e) => new($"{name}: {e.Msg}");

    public static Dictionary<string, MethodImpl> Create() => new()
    {
        ["append"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 1, 1);
            var l = (ListValue)r;
            try { l.Append(a[0]); } catch (EvalException e) { throw Named(name, e); }
            return NoneValue.None;
        },
        ["clear"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 0, 0);
            var l = (ListValue)r;
            try { l.CheckMutable("clear"); } catch (EvalException e) { throw Named(name, e); }
            l.Items.Clear();
            return NoneValue.None;
        },
        ["extend"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 1, 1);
            var l = (ListValue)r;
            try { l.CheckMutable("extend"); } catch (EvalException e) { throw Named(name, e); }
            var items = Args.Iterable(name, "iterable", a[0]).ToList();
            l.Items.AddRange(items);
            return NoneValue.None;
        },
        ["index"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 1, 3);
            var l = (ListValue)r;
            var (start, end) = Bounds(name, l.Items.Count, a, 1);
            for (int i = start; i < end; i++) if (Ops.Equal(l.Items[i], a[0])) return IntValue.Of(i);
            throw new EvalException($"{name}: value not in list");
        },
        ["insert"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 2, 2);
            var l = (ListValue)r;
            int i = Args.Int(name, "index", a[0]);
            try { l.CheckMutable("insert into"); } catch (EvalException e) { throw Named(name, e); }
            int n = l.Items.Count;
            if (i < 0) i += n;
            i = Math.Clamp(i, 0, n);
            l.Items.Insert(i, a[1]);
            return NoneValue.None;
        },
        ["pop"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 0, 1);
            var l = (ListValue)r;
            int n = l.Items.Count;
            int i = a.Length == 0 ? n - 1 : Args.Int(name, "index", a[0]);
            if (a.Length == 0 && n == 0) throw new EvalException($"{name}: index -1 out of range: empty list");
            int orig = i;
            if (i < 0) i += n;
            if (i < 0 || i >= n) throw new EvalException($"{name}: index {orig} out of range [{-n}:{n - 1}]");
            try { l.CheckMutable("pop from"); } catch (EvalException e) { throw Named(name, e); }
            var v = l.Items[i];
            l.Items.RemoveAt(i);
            return v;
        },
        ["remove"] = (t, name, r, a, k) =>
        {
            Args.Positional(name, a, k, 1, 1);
            var l = (ListValue)r;
            try { l.CheckMutable("remove from"); } catch (EvalException e) { throw Named(name, e); }
            for (int i = 0; i < l.Items.Count; i++)
            {
                if (Ops.Equal(l.Items[i], a[0]))
                {
                    l.Items.RemoveAt(i);
                    return NoneValue.None;
                }
            }
            throw new EvalException($"{name}: element not found");
        },
    };

    /// <summary>Normalizes optional start/end arguments at args[from], args[from+1] (None allowed) like slice bounds.</summary>
    public static (int Start, int End) Bounds(string name, int n, Value[] a, int from)
    {
        long start = 0, end = n;
        if (a.Length > from && a[from] is not NoneValue)
        {
            start = Args.Int(name, "start", a[from]);
            if (start < 0) start = Math.Max(0, start + n);
            start = Math.Min(start, n);
        }
        if (a.Length > from + 1 && a[from + 1] is not NoneValue)
        {
            end = Args.Int(name, "end", a[from + 1]);
            if (end < 0) end = Math.Max(0, end + n);
            end = Math.Min(end, n);
        }
        return ((int)start, (int)Math.Max(start, end));
    }
}
