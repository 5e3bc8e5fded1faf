using Hull.Starlark.Syntax;
using Hull.Starlark.Values;

namespace Hull.Starlark.Eval;

internal sealed class ConstNode(Position pos, Value value) : XNode(pos)
{
    public readonly Value Value = value;

    public override Value Eval(Frame f) => Value;
}

internal sealed class LocalNode(Position pos, int index, string name) : XNode(pos)
{
    public readonly int Index = index;

    public override Value Eval(Frame f) => f.Locals[Index] ?? throw Err(Pos, $"local variable {name} referenced before assignment");
}

internal sealed class CellNode(Position pos, int index, string name) : XNode(pos)
{
    public override Value Eval(Frame f) => ((Cell)f.Locals[index]!).V ?? throw Err(Pos, $"local variable {name} referenced before assignment");
}

internal sealed class FreeNode(Position pos, int index, string name) : XNode(pos)
{
    public override Value Eval(Frame f) => f.Free[index].V ?? throw Err(Pos, $"local variable {name} referenced before assignment");
}

internal sealed class GlobalNode(Position pos, int index, string name) : XNode(pos)
{
    public override Value Eval(Frame f) => f.Module.Globals[index] ?? throw Err(Pos, $"global variable {name} referenced before assignment");
}

internal sealed class PredeclaredNode(Position pos, int index) : XNode(pos)
{
    public override Value Eval(Frame f) => f.Module.Predeclared[index];
}

internal sealed class LocalTarget(Position pos, int index) : Target(pos)
{
    public readonly int Index = index;

    public override void Assign(Frame f, Value v) => f.Locals[Index] = v;
}

internal sealed class CellTarget(Position pos, int index) : Target(pos)
{
    public override void Assign(Frame f, Value v) => ((Cell)f.Locals[index]!).V = v;
}

internal sealed class GlobalTarget(Position pos, int index) : Target(pos)
{
    public override void Assign(Frame f, Value v) => f.Module.Globals[index] = v;
}

internal sealed class IndexTarget(Position pos, XNode x, XNode index) : Target(pos)
{
    public readonly XNode X = x;
    public readonly XNode IndexNode = index;

    public override void Assign(Frame f, Value v)
    {
        var x = X.Eval(f);
        var i = IndexNode.Eval(f);
        try
        {
            if (x is DictValue d) d.Table.Set(i, v);
            else Ops.SetIndex(x, i, v);
        }
        catch (EvalException e) when (Positions.Mark(e, Pos))
        {
            throw;
        }
    }
}

internal sealed class DotTarget(Position pos, XNode x, string name) : Target(pos)
{
    public readonly XNode X = x;
    public readonly string Name = name;

    public override void Assign(Frame f, Value v)
    {
        var x = X.Eval(f);
        try
        {
            Ops.SetField(x, Name, v);
        }
        catch (EvalException e) when (Positions.Mark(e, Pos))
        {
            throw;
        }
    }
}

internal sealed class UnpackTarget(Position pos, Target[] targets) : Target(pos)
{
    public override void Assign(Frame f, Value v)
    {
        Value[] items;
        try
        {
            items = v switch
            {
                TupleValue t => t.Items,
                ListValue l => l.Items.ToArray(),
                IIterable it when v is not StringValue => it.Iterate().ToArray(),
                _ => throw new EvalException($"got {v.Type} in sequence assignment"),
            };
            if (items.Length > targets.Length) throw new EvalException($"too many values to unpack (got {items.Length}, want {targets.Length})");
            if (items.Length < targets.Length) throw new EvalException($"too few values to unpack (got {items.Length}, want {targets.Length})");
        }
        catch (EvalException e) when (Positions.Mark(e, Pos))
        {
            throw;
        }
        for (int i = 0; i < targets.Length; i++) targets[i].Assign(f, items[i]);
    }
}
