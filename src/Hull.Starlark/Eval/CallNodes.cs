using Hull.Starlark.Builtins;
using Hull.Starlark.Syntax;
using Hull.Starlark.Values;

namespace Hull.Starlark.Eval;

/// <summary>Argument evaluation shared by call nodes.</summary>
internal sealed class ArgList(XNode[] positional, string[] names, XNode[] named, XNode? star, XNode? starStar)
{
    public readonly XNode[] Positional = positional;

    public bool Simple => names.Length == 0 && star == null && starStar == null;

    /// <summary>Evaluates arguments in Starlark's order: positional, named, *args, **kwargs.</summary>
    public Value[] Eval(Frame f, out KeyValuePair<string, Value>[]? kwargs)
    {
        if (Simple)
        {
            kwargs = null;
            if (Positional.Length == 0) return [];
            var a = new Value[Positional.Length];
            for (int i = 0; i < a.Length; i++) a[i] = Positional[i].Eval(f);
            return a;
        }
        var l = new List<Value>(Positional.Length);
        foreach (var p in Positional) l.Add(p.Eval(f));
        List<KeyValuePair<string, Value>>? kw = null;
        if (names.Length > 0)
        {
            kw = new List<KeyValuePair<string, Value>>(names.Length);
            for (int i = 0; i < names.Length; i++) kw.Add(new(names[i], named[i].Eval(f)));
        }
        if (star != null)
        {
            var s = star.Eval(f);
            if (s is not IIterable it || s is StringValue) throw new EvalException($"argument after * must be iterable, not {s.Type}") { PendingPos = star.Pos };
            l.AddRange(it.Iterate());
        }
        if (starStar != null)
        {
            kw ??= [];
            var m = starStar.Eval(f);
            IEnumerable<KeyValuePair<Value, Value>> entries = m switch
            {
                DictValue d => d.Table.EntryList(),
                IIterableMapping im => im.Items(),
                _ => throw new EvalException($"argument after ** must be a mapping, not {m.Type}") { PendingPos = starStar.Pos },
            };
            foreach (var kv in entries)
            {
                if (kv.Key is not StringValue ks) throw new EvalException($"keywords must be strings, not {kv.Key.Type}") { PendingPos = starStar.Pos };
                kw.Add(new(ks.Value, kv.Value));
            }
        }
        kwargs = kw?.ToArray();
        return [.. l];
    }
}

internal sealed class CallNode(Position pos, XNode fn, ArgList args) : XNode(pos)
{
    public override Value Eval(Frame f)
    {
        var callee = fn.Eval(f);
        if (callee is FunctionValue fv && args.Simple)
        {
            // Fast path: evaluate arguments straight into the callee's frame slots.
            var code = fv.Code;
            var ps = args.Positional;
            if (ps.Length == code.NumParams && code.SimpleParams)
            {
                var locals = new Value?[code.NumLocals];
                for (int i = 0; i < ps.Length; i++) locals[i] = ps[i].Eval(f);
                try
                {
                    return fv.InvokeWithParams(f.Thread, locals);
                }
                catch (EvalException e) when (Mark(e))
                {
                    throw;
                }
            }
        }
        var a = args.Eval(f, out var kw);
        try
        {
            if (callee is BuiltinFunction bf) return bf.Impl(f.Thread, bf, a, kw);
            if (callee is FunctionValue fv2) return fv2.Call(f.Thread, a, kw);
            return StarlarkThread.CallValue(f.Thread, callee, a, kw);
        }
        catch (EvalException e) when (Mark(e))
        {
            throw;
        }
    }
}

/// <summary>x.name(args): calls built-in methods without allocating a bound method value.</summary>
internal sealed class MethodCallNode(Position pos, XNode recv, string name, ArgList args) : XNode(pos)
{
    // Inline cache: the method implementation for the last receiver type seen at this call site. One immutable
    // entry, swapped atomically, so a program shared by several threads never pairs a type with the wrong method.
    private sealed record CacheEntry(Type Type, MethodImpl? Impl);

    private CacheEntry? _cache;

    public override Value Eval(Frame f)
    {
        var r = recv.Eval(f);
        if (r is ListValue l && name == "append" && args.Simple && args.Positional.Length == 1)
        {
            var v = args.Positional[0].Eval(f);
            if (l.Frozen) return Failed(new EvalException("append: cannot append to frozen list"));
            try
            {
                l.Append(v);
            }
            catch (EvalException e)
            {
                throw At(new EvalException("append: " + e.Msg));
            }
            return NoneValue.None;
        }
        MethodImpl? impl;
        var type = r.GetType();
        var entry = _cache;
        if (entry != null && entry.Type == type) impl = entry.Impl;
        else
        {
            impl = Methods.Find(r, name);
            _cache = new CacheEntry(type, impl);
        }
        Value callee;
        if (impl == null)
        {
            try
            {
                callee = Ops.GetAttr(r, name);
            }
            catch (EvalException e) when (Mark(e))
            {
                throw;
            }
        }
        else callee = NoneValue.None;
        var a = args.Eval(f, out var kw);
        try
        {
            if (impl != null) return impl(f.Thread, name, r, a, kw);
            return StarlarkThread.CallValue(f.Thread, callee, a, kw);
        }
        catch (EvalException e) when (Mark(e))
        {
            throw;
        }
    }

    private Value Failed(EvalException e) => throw At(e);
}

/// <summary>Creates a function value (def or lambda) capturing the current frame's cells.</summary>
internal sealed class MakeFunctionNode(Position pos, FunctionCode code, XNode?[] defaults, (bool FromFree, int Index)[] captures) : XNode(pos)
{
    public override Value Eval(Frame f)
    {
        var d = new Value?[defaults.Length];
        for (int i = 0; i < d.Length; i++) d[i] = defaults[i]?.Eval(f);
        var free = new Cell[captures.Length];
        for (int i = 0; i < free.Length; i++)
        {
            var (fromFree, index) = captures[i];
            free[i] = fromFree ? f.Free[index] : (Cell)f.Locals[index]!;
        }
        return new FunctionValue(code, d, free, f.Module);
    }
}
