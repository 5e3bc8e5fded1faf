using Hull.Starlark.Values;

namespace Hull.Starlark.Eval;

/// <summary>A variable shared between a function and the closures nested in it.</summary>
internal sealed class Cell : Value
{
    public Value? V;

    public override string Type => "cell";
}
