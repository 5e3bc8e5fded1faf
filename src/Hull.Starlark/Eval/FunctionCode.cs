using Hull.Starlark.Resolve;
using Hull.Starlark.Syntax;

namespace Hull.Starlark.Eval;

/// <summary>The compiled, shareable part of a function: parameters, frame layout and body.</summary>
internal sealed class FunctionCode(string name, Position pos, FunctionScope scope, StarlarkProgram program)
{
    public readonly string Name = name;
    public readonly Position Pos = pos;
    public readonly StarlarkProgram Program = program;
    public readonly int NumLocals = scope.Locals.Count;
    public readonly int NumParams = scope.NumParams;
    public readonly int NumKwOnly = scope.NumKwOnly;
    public readonly bool HasVarargs = scope.HasVarargs;
    public readonly bool HasKwargs = scope.HasKwargs;
    public readonly string[] ParamNames = scope.Locals.Take(scope.NumParams).Select(b => b.Name).ToArray();
    public readonly int[] CellSlots = scope.Locals.Where(b => b.Scope == Scope.Cell).Select(b => b.Index).ToArray();
    public readonly bool SimpleParams = !scope.HasVarargs && !scope.HasKwargs && scope.NumKwOnly == 0;
    public SNode Body = null!;

    /// <summary>Where a call enters the function (its first statement, else the def): the position Go Starlark
    /// reports for the callee when binding its arguments fails.</summary>
    public Position EntryPos = pos;
}
