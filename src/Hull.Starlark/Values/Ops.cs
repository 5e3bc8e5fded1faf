using System.Numerics;
using Hull.Starlark.Builtins;
using Hull.Starlark.Syntax;

namespace Hull.Starlark.Values;

/// <summary>The semantics of Starlark's operators over values.</summary>
public static class Ops
{
    /// <summary>How deeply nested containers may be compared before the comparison is assumed to be cyclic.</summary>
    public const int MaxCompareDepth = 64;

    /// <summary>x == y.</summary>
    public static bool Equal(Value x, Value y, int depth = MaxCompareDepth)
    {
        if (depth <= 0) throw new EvalException("comparison exceeded maximum recursion depth");
        if (x.GetType() == y.GetType())
        {
            if (ReferenceEquals(x, y) && x is not (ListValue or TupleValue or FloatValue or DictValue)) return true;
            return x.EqualsSameType(y, depth);
        }
        if (x is IntValue or FloatValue && y is IntValue or FloatValue) return CompareNumbers(TokenKind.EqEq, x, y);
        return false;
    }

    /// <summary>x op y for a comparison operator.</summary>
    public static bool Compare(TokenKind op, Value x, Value y, int depth = MaxCompareDepth)
    {
        if (depth <= 0) throw new EvalException("comparison exceeded maximum recursion depth");
        if (x.GetType() == y.GetType())
        {
            switch (x)
            {
                case FloatValue:
                    return CompareNumbers(op, x, y);
                case ListValue l:
                    return CompareSequences(op, l.Items, ((ListValue)y).Items, depth);
                case TupleValue t:
                    return CompareSequences(op, t.Items, ((TupleValue)y).Items, depth);
            }
            if (op == TokenKind.EqEq) return Equal(x, y, depth);
            if (op == TokenKind.Neq) return !Equal(x, y, depth);
            if (!x.IsOrdered) throw new EvalException($"{x.Type} {TokenKinds.Text(op)} {y.Type} not implemented");
            return Threeway(op, x.CompareSameType(y, depth));
        }
        if (x is IntValue or FloatValue && y is IntValue or FloatValue) return CompareNumbers(op, x, y);
        if (op == TokenKind.EqEq) return false;
        if (op == TokenKind.Neq) return true;
        throw new EvalException($"{x.Type} {TokenKinds.Text(op)} {y.Type} not implemented");
    }

    private static bool Threeway(TokenKind op, int c) => op switch
    {
        TokenKind.EqEq => c == 0,
        TokenKind.Neq => c != 0,
        TokenKind.Lt => c < 0,
        TokenKind.Le => c <= 0,
        TokenKind.Gt => c > 0,
        TokenKind.Ge => c >= 0,
        _ => throw new InvalidOperationException(),
    };

    private static bool CompareNumbers(TokenKind op, Value x, Value y)
    {
        if (x is IntValue xi && y is IntValue yi) return Threeway(op, IntValue.Compare(xi, yi));
        if (x is FloatValue fx && y is FloatValue fy) return CompareDoublesOp(op, fx.Value, fy.Value);
        if (x is IntValue i1) return CompareIntFloat(op, i1, ((FloatValue)y).Value, false);
        return CompareIntFloat(op, (IntValue)y, ((FloatValue)x).Value, true);
    }

    private static bool CompareDoublesOp(TokenKind op, double a, double b) => op switch
    {
        TokenKind.EqEq => a == b,
        TokenKind.Neq => a != b,
        TokenKind.Lt => a < b,
        TokenKind.Le => a <= b,
        TokenKind.Gt => a > b,
        TokenKind.Ge => a >= b,
        _ => throw new InvalidOperationException(),
    };

    // Exact comparison of an int with a float (no rounding of large ints).
    private static bool CompareIntFloat(TokenKind op, IntValue i, double f, bool swapped)
    {
        if (double.IsNaN(f) || double.IsInfinity(f) || (i.IsSmall && Math.Abs(i.Small) < (1L << 53)))
        {
            double d = i.ToDouble();
            return swapped ? CompareDoublesOp(op, f, d) : CompareDoublesOp(op, d, f);
        }
        double fl = Math.Floor(f);
        int c = i.Big.CompareTo(new BigInteger(fl));
        if (c == 0 && fl != f) c = -1;
        return Threeway(op, swapped ? -c : c);
    }

    private static TokenKind Swap(TokenKind op) => op switch
    {
        TokenKind.Lt => TokenKind.Ge,
        TokenKind.Le => TokenKind.Gt,
        TokenKind.Gt => TokenKind.Le,
        TokenKind.Ge => TokenKind.Lt,
        TokenKind.EqEq => TokenKind.Neq,
        _ => TokenKind.EqEq,
    };

    private static bool CompareSequences(TokenKind op, IReadOnlyList<Value> a, IReadOnlyList<Value> b, int depth)
    {
        if (op == TokenKind.EqEq || op == TokenKind.Neq)
        {
            bool eq = SequencesEqual(a, b, depth);
            return op == TokenKind.EqEq ? eq : !eq;
        }
        int n = Math.Min(a.Count, b.Count);
        for (int i = 0; i < n; i++)
        {
            if (!Equal(a[i], b[i], depth - 1)) return Compare(op, a[i], b[i], depth - 1);
        }
        return Threeway(op, a.Count.CompareTo(b.Count));
    }

    /// <summary>Element-wise equality.</summary>
    public static bool SequencesEqual(IReadOnlyList<Value> a, IReadOnlyList<Value> b, int depth)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++) if (!Equal(a[i], b[i], depth - 1)) return false;
        return true;
    }

    /// <summary>Comparison for sorting (x &lt; y).</summary>
    public static bool Less(Value x, Value y) => Compare(TokenKind.Lt, x, y);

    /// <summary>Unary operators.</summary>
    public static Value Unary(TokenKind op, Value x)
    {
        switch (op)
        {
            case TokenKind.Not:
                return BoolValue.Of(!x.Truth);
            case TokenKind.Minus:
                if (x is IntValue i) return i.IsSmall && i.Small != long.MinValue ? IntValue.Of(-i.Small) : IntValue.Of(-i.Big);
                if (x is FloatValue f) return new FloatValue(-f.Value);
                break;
            case TokenKind.Plus:
                if (x is IntValue or FloatValue) return x;
                break;
            case TokenKind.Tilde:
                if (x is IntValue t) return t.IsSmall ? IntValue.Of(~t.Small) : IntValue.Of(-t.Big - 1);
                break;
        }
        throw new EvalException($"unknown unary op: {TokenKinds.Text(op)}{x.Type}");
    }

    private static EvalException UnknownBinary(TokenKind op, Value x, Value y) =>
        new($"unknown binary op: {x.Type} {TokenKinds.Text(op)} {y.Type}");

    /// <summary>Binary operators (not comparisons, and/or).</summary>
    public static Value Binary(TokenKind op, Value x, Value y)
    {
        switch (op)
        {
            case TokenKind.Plus:
                switch (x)
                {
                    case IntValue xi when y is IntValue yi:
                        return IntValue.Add(xi, yi);
                    case StringValue xs when y is StringValue ys:
                        return StringValue.Of(xs.Value + ys.Value);
                    case IntValue or FloatValue when y is IntValue or FloatValue:
                        return new FloatValue(ToFloat(x) + ToFloat(y));
                    case ListValue xl when y is ListValue yl:
                        {
                            var l = new List<Value>(xl.Items.Count + yl.Items.Count);
                            l.AddRange(xl.Items);
                            l.AddRange(yl.Items);
                            return new ListValue(l);
                        }
                    case TupleValue xt when y is TupleValue yt:
                        return new TupleValue([.. xt.Items, .. yt.Items]);
                    case StructValue xst when y is StructValue yst:
                        return StructValue.Concat(xst, yst);
                }
                break;
            case TokenKind.Minus:
                if (x is IntValue ai && y is IntValue bi) return IntValue.Sub(ai, bi);
                if (x is IntValue or FloatValue && y is IntValue or FloatValue) return new FloatValue(ToFloat(x) - ToFloat(y));
                if (x is SetValue sx && y is SetValue sy) return SetOps.Difference(sx, sy);
                break;
            case TokenKind.Star:
                if (x is IntValue mi && y is IntValue mj) return IntValue.Mul(mi, mj);
                if (x is IntValue or FloatValue && y is IntValue or FloatValue) return new FloatValue(ToFloat(x) * ToFloat(y));
                if (y is IntValue n1 && x is StringValue or ListValue or TupleValue) return Repeat(x, n1);
                if (x is IntValue n2 && y is StringValue or ListValue or TupleValue) return Repeat(y, n2);
                break;
            case TokenKind.Slash:
                if (x is IntValue or FloatValue && y is IntValue or FloatValue)
                {
                    double d = ToFloat(y);
                    if (d == 0) throw new EvalException("real division by zero");
                    return new FloatValue(ToFloat(x) / d);
                }
                break;
            case TokenKind.SlashSlash:
                if (x is IntValue di && y is IntValue dj)
                {
                    if (dj.Sign == 0) throw new EvalException("floored division by zero");
                    return IntValue.FloorDiv(di, dj);
                }
                if (x is IntValue or FloatValue && y is IntValue or FloatValue)
                {
                    double d = ToFloat(y);
                    if (d == 0) throw new EvalException("floored division by zero");
                    return new FloatValue(Math.Floor(ToFloat(x) / d));
                }
                break;
            case TokenKind.Percent:
                if (x is IntValue pi && y is IntValue pj)
                {
                    if (pj.Sign == 0) throw new EvalException("integer modulo by zero");
                    return IntValue.Mod(pi, pj);
                }
                if (x is IntValue or FloatValue && y is IntValue or FloatValue)
                {
                    double d = ToFloat(y);
                    if (d == 0) throw new EvalException("float modulo by zero");
                    return new FloatValue(ToFloat(x) % d);
                }
                if (x is StringValue fmt) return Formatting.Percent(fmt.Value, y);
                break;
            case TokenKind.Amp:
                if (x is IntValue ia && y is IntValue ib) return ia.IsSmall && ib.IsSmall ? IntValue.Of(ia.Small & ib.Small) : IntValue.Of(ia.Big & ib.Big);
                if (x is SetValue s1 && y is SetValue s2) return SetOps.Intersection(s1, s2);
                break;
            case TokenKind.Pipe:
                if (x is IntValue oa && y is IntValue ob) return oa.IsSmall && ob.IsSmall ? IntValue.Of(oa.Small | ob.Small) : IntValue.Of(oa.Big | ob.Big);
                if (x is SetValue u1 && y is SetValue u2) return SetOps.Union(u1, u2);
                break;
            case TokenKind.Circumflex:
                if (x is IntValue xa && y is IntValue xb) return xa.IsSmall && xb.IsSmall ? IntValue.Of(xa.Small ^ xb.Small) : IntValue.Of(xa.Big ^ xb.Big);
                if (x is SetValue x1 && y is SetValue x2) return SetOps.SymmetricDifference(x1, x2);
                break;
            case TokenKind.LtLt:
            case TokenKind.GtGt:
                if (x is IntValue sa && y is IntValue sb)
                {
                    if (sb.Sign < 0) throw new EvalException("negative shift count: " + sb.Repr());
                    if (!sb.IsSmall || sb.Small >= 512) throw new EvalException("shift count too large: " + sb.Repr());
                    int c = (int)sb.Small;
                    return op == TokenKind.LtLt ? IntValue.Of(sa.Big << c) : IntValue.Of(sa.Big >> c);
                }
                break;
            case TokenKind.In:
                return BoolValue.Of(Contains(y, x));
            case TokenKind.NotIn:
                return BoolValue.Of(!Contains(y, x));
            case TokenKind.EqEq:
            case TokenKind.Neq:
            case TokenKind.Lt:
            case TokenKind.Le:
            case TokenKind.Gt:
            case TokenKind.Ge:
                return BoolValue.Of(Compare(op, x, y));
        }
        if (x is IHasBinary hx && hx.Binary(op, y, true) is { } r1) return r1;
        if (y is IHasBinary hy && hy.Binary(op, x, false) is { } r2) return r2;
        throw UnknownBinary(op, x, y);
    }

    private static bool Contains(Value container, Value x)
    {
        if (container is IContainer c) return c.Contains(x);
        throw new EvalException($"unknown binary op: {x.Type} in {container.Type}");
    }

    /// <summary>A number as a double.</summary>
    public static double ToFloat(Value x) => x is IntValue i ? i.ToDouble() : ((FloatValue)x).Value;

    private static Value Repeat(Value seq, IntValue count)
    {
        if (!count.IsSmall || count.Small > int.MaxValue) throw new EvalException($"repeat count {count.Repr()} too large");
        long n = Math.Max(0, count.Small);
        int len = seq switch { StringValue s => s.Len, ListValue l => l.Len, TupleValue t => t.Len, _ => 0 };
        if (n * len >= 1L << 30) throw new EvalException($"excessive repeat ({n * len} elements)");
        int k = (int)n;
        switch (seq)
        {
            case StringValue s:
                {
                    var sb = new System.Text.StringBuilder(s.Value.Length * k);
                    for (int i = 0; i < k; i++) sb.Append(s.Value);
                    return StringValue.Of(sb.ToString());
                }
            case ListValue l:
                {
                    var r = new List<Value>(l.Items.Count * k);
                    for (int i = 0; i < k; i++) r.AddRange(l.Items);
                    return new ListValue(r);
                }
            default:
                {
                    var t = (TupleValue)seq;
                    var r = new List<Value>(t.Items.Length * k);
                    for (int i = 0; i < k; i++) r.AddRange(t.Items);
                    return new TupleValue([.. r]);
                }
        }
    }

    /// <summary>Converts an index value to a valid position in a sequence of length n (negative counts from the end).</summary>
    public static int AsIndex(Value key, int n, string type)
    {
        if (key is not IntValue iv) throw new EvalException($"{type} index: got {key.Type}, want int");
        long i = iv.IsSmall ? iv.Small : (iv.Sign < 0 ? long.MinValue : long.MaxValue);
        long orig = i;
        if (i < 0) i += n;
        if (i < 0 || i >= n)
        {
            if (n == 0) throw new EvalException($"index {iv.Repr()} out of range: empty {type}");
            throw new EvalException($"{type} index {orig} out of range [{-n}:{n - 1}]");
        }
        return (int)i;
    }

    /// <summary>x[key].</summary>
    public static Value Index(Value x, Value key)
    {
        switch (x)
        {
            case IMapping m:
                var v = m.Get(key);
                if (v != null) return v;
                if (x is IIndexable mi && key is IntValue) return mi.Index(AsIndex(key, mi.Len, x.Type));
                if (x is DictValue) throw new EvalException($"key {key.Repr()} not in dict");
                throw new EvalException($"key {key.Repr()} not in {x.Type}");
            case IIndexable ix:
                return ix.Index(AsIndex(key, ix.Len, x.Type));
        }
        throw new EvalException($"unhandled index operation {x.Type}[{key.Type}]");
    }

    /// <summary>x[key] = value.</summary>
    public static void SetIndex(Value x, Value key, Value value)
    {
        if (x is IHasSetIndex s) { s.SetIndex(key, value); return; }
        throw new EvalException($"{x.Type} value does not support item assignment");
    }

    /// <summary>x[lo:hi:step].</summary>
    public static Value Slice(Value x, Value? lo, Value? hi, Value? step)
    {
        if (x is not ISliceable s) throw new EvalException($"invalid slice operand {x.Type}");
        int n = s.Len;
        long st = 1;
        if (step is not null and not NoneValue)
        {
            if (step is not IntValue) throw new EvalException($"got {step.Type} for slice step, want int");
            st = SliceInt(step, "slice step");
            if (st == 0) throw new EvalException("zero is not a valid slice step");
        }
        long start, end;
        if (st > 0)
        {
            start = Clamp(lo, n, 0, 0, n, "start");
            end = Clamp(hi, n, n, 0, n, "end");
        }
        else
        {
            start = Clamp(lo, n, n - 1, -1, n - 1, "start");
            end = Clamp(hi, n, -1, -1, n - 1, "end");
        }
        if (st > int.MaxValue) st = int.MaxValue;
        if (st < int.MinValue) st = int.MinValue;
        return s.Slice((int)start, (int)end, (int)st);
    }

    private static long SliceInt(Value v, string what)
    {
        if (v is not IntValue iv) throw new EvalException($"invalid {what}: got {v.Type}, want int");
        return iv.IsSmall ? iv.Small : (iv.Sign < 0 ? long.MinValue / 2 : long.MaxValue / 2);
    }

    private static long Clamp(Value? v, int n, long dflt, long min, long max, string which)
    {
        if (v is null or NoneValue) return dflt;
        long i = SliceInt(v, which + " index");
        if (i < 0) i += n;
        return Math.Clamp(i, min, max);
    }

    /// <summary>len(x), or -1 when x has no length.</summary>
    public static int Len(Value x) => x switch
    {
        StringValue s => s.Len,
        ISequence q => q.Len,
        IIndexable ix => ix.Len,
        _ => -1,
    };

    /// <summary>The elements of an iterable, or an error naming the type.</summary>
    public static IEnumerable<Value> Iterate(Value x)
    {
        if (x is IIterable it) return it.Iterate();
        throw new EvalException($"{x.Type} value is not iterable");
    }

    /// <summary>Whether a value is iterable.</summary>
    public static bool IsIterable(Value x) => x is IIterable;

    /// <summary>x.name.</summary>
    public static Value GetAttr(Value x, string name)
    {
        if (Methods.Lookup(x, name) is { } m) return m;
        if (x is IHasAttributes ha)
        {
            var v = ha.GetAttr(name);
            if (v != null) return v;
            if (x is StructValue sv) throw new EvalException(sv.MissingAttr(name));
            throw new EvalException(NoAttrMessage(x, name, ha.AttrNames));
        }
        throw new EvalException(NoAttrMessage(x, name, Methods.Names(x)));
    }

    /// <summary>The names dir(x) reports.</summary>
    public static List<string> Dir(Value x)
    {
        var names = new List<string>(Methods.Names(x));
        if (x is IHasAttributes ha) names.AddRange(ha.AttrNames);
        names.Sort(StringComparer.Ordinal);
        return names.Distinct().ToList();
    }

    private static string NoAttrMessage(Value x, string name, IEnumerable<string> names)
    {
        string msg = $"{x.Type} has no .{name} field or method";
        if (Resolve.Spelling.Nearest(name, names) is { } near) msg += $" (did you mean .{near}?)";
        return msg;
    }

    /// <summary>x.name = v.</summary>
    public static void SetField(Value x, string name, Value v)
    {
        if (x is IHasSetField hs) { hs.SetField(name, v); return; }
        throw new EvalException($"can't assign to .{name} field of {x.Type}");
    }
}
