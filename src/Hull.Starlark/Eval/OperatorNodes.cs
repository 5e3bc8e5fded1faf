using Hull.Starlark.Syntax;
using Hull.Starlark.Values;

namespace Hull.Starlark.Eval;

internal sealed class BinaryNode(Position pos, TokenKind op, XNode x, XNode y) : XNode(pos)
{
    public readonly TokenKind Op = op;
    public readonly XNode X = x;
    public readonly XNode Y = y;

    public override Value Eval(Frame f)
    {
        var x = X.Eval(f);
        var y = Y.Eval(f);
        if (x is IntValue a && y is IntValue b && a.IsSmall && b.IsSmall)
        {
            long p = a.Small, q = b.Small;
            switch (Op)
            {
                case TokenKind.Plus:
                    {
                        long r = p + q;
                        if (((p ^ r) & (q ^ r)) >= 0) return IntValue.Of(r);
                        break;
                    }
                case TokenKind.Minus:
                    {
                        long r = p - q;
                        if (((p ^ q) & (p ^ r)) >= 0) return IntValue.Of(r);
                        break;
                    }
                case TokenKind.Lt: return BoolValue.Of(p < q);
                case TokenKind.Le: return BoolValue.Of(p <= q);
                case TokenKind.Gt: return BoolValue.Of(p > q);
                case TokenKind.Ge: return BoolValue.Of(p >= q);
                case TokenKind.EqEq: return BoolValue.Of(p == q);
                case TokenKind.Neq: return BoolValue.Of(p != q);
            }
        }
        return Slow(x, y);
    }

    private Value Slow(Value x, Value y)
    {
        try
        {
            return Ops.Binary(Op, x, y);
        }
        catch (EvalException e) when (Mark(e))
        {
            throw;
        }
    }
}

internal sealed class AndNode(Position pos, XNode x, XNode y) : XNode(pos)
{
    public override Value Eval(Frame f)
    {
        var v = x.Eval(f);
        return v.Truth ? y.Eval(f) : v;
    }
}

internal sealed class OrNode(Position pos, XNode x, XNode y) : XNode(pos)
{
    public override Value Eval(Frame f)
    {
        var v = x.Eval(f);
        return v.Truth ? v : y.Eval(f);
    }
}

internal sealed class NotNode(Position pos, XNode x) : XNode(pos)
{
    public override Value Eval(Frame f) => BoolValue.Of(!x.Eval(f).Truth);
}

internal sealed class UnaryNode(Position pos, TokenKind op, XNode x) : XNode(pos)
{
    public override Value Eval(Frame f)
    {
        var v = x.Eval(f);
        try
        {
            return Ops.Unary(op, v);
        }
        catch (EvalException e) when (Mark(e))
        {
            throw;
        }
    }
}

internal sealed class CondNode(Position pos, XNode cond, XNode then, XNode els) : XNode(pos)
{
    public override Value Eval(Frame f) => cond.Eval(f).Truth ? then.Eval(f) : els.Eval(f);
}

internal sealed class IndexNode(Position pos, XNode x, XNode index) : XNode(pos)
{
    public override Value Eval(Frame f)
    {
        var x1 = x.Eval(f);
        var i = index.Eval(f);
        if (x1 is ListValue l && i is IntValue iv && iv.IsSmall && (ulong)iv.Small < (ulong)l.Items.Count) return l.Items[(int)iv.Small];
        try
        {
            if (x1 is DictValue d && d.Table.TryGet(i, out var found)) return found;
            return Ops.Index(x1, i);
        }
        catch (EvalException e) when (Mark(e))
        {
            throw;
        }
    }
}

internal sealed class SliceNode(Position pos, XNode x, XNode? lo, XNode? hi, XNode? step) : XNode(pos)
{
    public override Value Eval(Frame f)
    {
        var x1 = x.Eval(f);
        var l = lo?.Eval(f);
        var h = hi?.Eval(f);
        var s = step?.Eval(f);
        try
        {
            return Ops.Slice(x1, l, h, s);
        }
        catch (EvalException e) when (Mark(e))
        {
            throw;
        }
    }
}

internal sealed class DotNode(Position pos, XNode x, string name) : XNode(pos)
{
    public readonly XNode X = x;
    public readonly string Name = name;

    public override Value Eval(Frame f)
    {
        var v = X.Eval(f);
        try
        {
            return Ops.GetAttr(v, Name);
        }
        catch (EvalException e) when (Mark(e))
        {
            throw;
        }
    }
}

internal sealed class ListNode(Position pos, XNode[] elems) : XNode(pos)
{
    public override Value Eval(Frame f)
    {
        var l = new List<Value>(elems.Length);
        foreach (var e in elems) l.Add(e.Eval(f));
        return new ListValue(l);
    }
}

internal sealed class TupleNode(Position pos, XNode[] elems) : XNode(pos)
{
    public override Value Eval(Frame f)
    {
        if (elems.Length == 0) return TupleValue.Empty;
        var a = new Value[elems.Length];
        for (int i = 0; i < a.Length; i++) a[i] = elems[i].Eval(f);
        return new TupleValue(a);
    }
}

internal sealed class DictNode(Position pos, XNode[] keys, XNode[] values) : XNode(pos)
{
    public override Value Eval(Frame f)
    {
        var d = new DictValue();
        for (int i = 0; i < keys.Length; i++)
        {
            var k = keys[i].Eval(f);
            var v = values[i].Eval(f);
            try
            {
                if (d.Table.TryGet(k, out _)) throw new EvalException($"duplicate key: {k.Repr()}");
                d.Table.Set(k, v);
            }
            catch (EvalException e) when (Positions.Mark(e, keys[i].Pos))
            {
                throw;
            }
        }
        return d;
    }
}
