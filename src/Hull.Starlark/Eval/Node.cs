using System.Runtime.CompilerServices;
using Hull.Starlark.Syntax;
using Hull.Starlark.Values;

namespace Hull.Starlark.Eval;

/// <summary>A compiled expression: prepared once from the syntax tree, evaluated many times.</summary>
internal abstract class XNode(Position pos)
{
    public readonly Position Pos = pos;

    public abstract Value Eval(Frame f);

    /// <summary>
    /// Exception filter: records this node's position on an error passing through, unless an inner node did.
    /// Always false, so errors propagate without catch-and-rethrow (which would cost stack per Starlark frame).
    /// </summary>
    protected bool Mark(EvalException e) => Positions.Mark(e, Pos);

    protected EvalException At(EvalException e)
    {
        e.PendingPos ??= Pos;
        return e;
    }

    protected static EvalException Err(Position pos, string msg) => new(msg) { PendingPos = pos };
}

/// <summary>Helpers for attaching positions to errors in exception filters.</summary>
internal static class Positions
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Mark(EvalException e, Position pos)
    {
        e.PendingPos ??= pos;
        return false;
    }
}

/// <summary>A compiled statement.</summary>
internal abstract class SNode(Position pos)
{
    public readonly Position Pos = pos;

    public abstract Flow Exec(Frame f);
}

/// <summary>An assignment target.</summary>
internal abstract class Target(Position pos)
{
    public readonly Position Pos = pos;

    public abstract void Assign(Frame f, Value v);
}
