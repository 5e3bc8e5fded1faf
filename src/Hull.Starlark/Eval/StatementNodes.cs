using Hull.Starlark.Syntax;
using Hull.Starlark.Values;

namespace Hull.Starlark.Eval;

internal sealed class BlockNode(Position pos, SNode[] stmts) : SNode(pos)
{
    public override Flow Exec(Frame f)
    {
        foreach (var s in stmts)
        {
            var fl = s.Exec(f);
            if (fl != Flow.Normal) return fl;
        }
        return Flow.Normal;
    }
}

internal sealed class ExprStmtNode(Position pos, XNode x) : SNode(pos)
{
    public override Flow Exec(Frame f)
    {
        x.Eval(f);
        return Flow.Normal;
    }
}

internal sealed class AssignNode(Position pos, Target target, XNode rhs) : SNode(pos)
{
    public override Flow Exec(Frame f)
    {
        target.Assign(f, rhs.Eval(f));
        return Flow.Normal;
    }
}

/// <summary>Fast path for `local = expr`.</summary>
internal sealed class AssignLocalNode(Position pos, int index, XNode rhs) : SNode(pos)
{
    public override Flow Exec(Frame f)
    {
        f.Locals[index] = rhs.Eval(f);
        return Flow.Normal;
    }
}

/// <summary>x op= y, where x is a name: read, combine, write. Lists are extended in place.</summary>
internal sealed class AugAssignNode(Position pos, TokenKind op, XNode read, Target write, XNode rhs) : SNode(pos)
{
    public override Flow Exec(Frame f)
    {
        var old = read.Eval(f);
        var y = rhs.Eval(f);
        write.Assign(f, Combine(Pos, op, old, y));
        return Flow.Normal;
    }

    public static Value Combine(Position pos, TokenKind op, Value old, Value y)
    {
        try
        {
            if (op == TokenKind.Plus && old is ListValue l)
            {
                l.CheckMutable("apply += to");
                if (y is ListValue yl) l.Items.AddRange(yl.Items.ToArray());
                else if (y is IIterable it && y is not StringValue) l.Items.AddRange(it.Iterate().ToList());
                else return Ops.Binary(op, old, y);
                return l;
            }
            if (old is IntValue a && y is IntValue b && op == TokenKind.Plus) return IntValue.Add(a, b);
            return Ops.Binary(op, old, y);
        }
        catch (EvalException e) when (Positions.Mark(e, pos))
        {
            throw;
        }
    }
}

/// <summary>x[i] op= y: x and i are evaluated once.</summary>
internal sealed class AugIndexNode(Position pos, TokenKind op, XNode x, XNode index, XNode rhs) : SNode(pos)
{
    public override Flow Exec(Frame f)
    {
        var xv = x.Eval(f);
        var iv = index.Eval(f);
        Value old;
        try
        {
            old = Ops.Index(xv, iv);
        }
        catch (EvalException e) when (Positions.Mark(e, Pos))
        {
            throw;
        }
        var y = rhs.Eval(f);
        var r = AugAssignNode.Combine(Pos, op, old, y);
        try
        {
            Ops.SetIndex(xv, iv, r);
        }
        catch (EvalException e) when (Positions.Mark(e, Pos))
        {
            throw;
        }
        return Flow.Normal;
    }
}

/// <summary>x.name op= y.</summary>
internal sealed class AugDotNode(Position pos, TokenKind op, XNode x, string name, XNode rhs) : SNode(pos)
{
    public override Flow Exec(Frame f)
    {
        var xv = x.Eval(f);
        try
        {
            var old = Ops.GetAttr(xv, name);
            var y = rhs.Eval(f);
            Ops.SetField(xv, name, AugAssignNode.Combine(Pos, op, old, y));
        }
        catch (EvalException e) when (Positions.Mark(e, Pos))
        {
            throw;
        }
        return Flow.Normal;
    }
}

internal sealed class IfNode(Position pos, XNode cond, SNode then, SNode? els) : SNode(pos)
{
    public override Flow Exec(Frame f)
    {
        if (cond.Eval(f).Truth) return then.Exec(f);
        return els?.Exec(f) ?? Flow.Normal;
    }
}

internal sealed class ForNode(Position pos, Target vars, XNode x, SNode body) : SNode(pos)
{
    public override Flow Exec(Frame f)
    {
        var xv = x.Eval(f);
        var t = f.Thread;
        switch (xv)
        {
            case ListValue list:
                list.BeginIteration();
                try
                {
                    for (int i = 0; i < list.Items.Count; i++)
                    {
                        t.Step();
                        vars.Assign(f, list.Items[i]);
                        var fl = body.Exec(f);
                        if (fl == Flow.Break) break;
                        if (fl == Flow.Return) return fl;
                    }
                }
                finally
                {
                    list.EndIteration();
                }
                return Flow.Normal;
            case RangeValue r:
                {
                    int n = r.Len;
                    long v = r.Start;
                    for (int i = 0; i < n; i++, v += r.Step)
                    {
                        t.Step();
                        vars.Assign(f, IntValue.Of(v));
                        var fl = body.Exec(f);
                        if (fl == Flow.Break) break;
                        if (fl == Flow.Return) return fl;
                    }
                    return Flow.Normal;
                }
            case IIterable it:
                foreach (var v in it.Iterate())
                {
                    t.Step();
                    vars.Assign(f, v);
                    var fl = body.Exec(f);
                    if (fl == Flow.Break) break;
                    if (fl == Flow.Return) return fl;
                }
                return Flow.Normal;
            default:
                throw new EvalException($"{xv.Type} value is not iterable") { PendingPos = x.Pos };
        }
    }
}

internal sealed class WhileNode(Position pos, XNode cond, SNode body) : SNode(pos)
{
    public override Flow Exec(Frame f)
    {
        var t = f.Thread;
        while (cond.Eval(f).Truth)
        {
            t.Step();
            var fl = body.Exec(f);
            if (fl == Flow.Break) break;
            if (fl == Flow.Return) return fl;
        }
        return Flow.Normal;
    }
}

internal sealed class BranchNode(Position pos, Flow flow) : SNode(pos)
{
    public override Flow Exec(Frame f) => flow;
}

internal sealed class ReturnNode(Position pos, XNode? x) : SNode(pos)
{
    public override Flow Exec(Frame f)
    {
        f.Result = x?.Eval(f) ?? NoneValue.None;
        return Flow.Return;
    }
}

internal sealed class LoadNode(Position pos, string module, string[] from, Target[] to) : SNode(pos)
{
    public override Flow Exec(Frame f)
    {
        IReadOnlyDictionary<string, Value> globals;
        try
        {
            globals = f.Thread.LoadModule(module);
        }
        catch (EvalException e)
        {
            throw new EvalException($"cannot load {module}: {e.Msg}", e) { PendingPos = Pos };
        }
        catch (StarlarkException e)
        {
            throw new EvalException($"cannot load {module}: {e.Message}", e) { PendingPos = Pos };
        }
        for (int i = 0; i < from.Length; i++)
        {
            if (!globals.TryGetValue(from[i], out var v))
            {
                string msg = $"load: name {from[i]} not found in module {module}";
                if (Resolve.Spelling.Nearest(from[i], globals.Keys) is { } near) msg += $" (did you mean {near}?)";
                throw new EvalException(msg) { PendingPos = to[i].Pos };
            }
            to[i].Assign(f, v);
        }
        return Flow.Normal;
    }
}
