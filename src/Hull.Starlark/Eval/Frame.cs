using Hull.Starlark.Values;

namespace Hull.Starlark.Eval;

/// <summary>The activation record of one function call (or of a module's top level).</summary>
internal sealed class Frame(Value?[] locals, Cell[] free, ModuleEnv module, StarlarkThread thread)
{
    public readonly Value?[] Locals = locals;
    public readonly Cell[] Free = free;
    public readonly ModuleEnv Module = module;
    public readonly StarlarkThread Thread = thread;
    public Value Result = NoneValue.None;
}

/// <summary>Run-time state of one executing module: its global slots and the host's predeclared values.</summary>
internal sealed class ModuleEnv(StarlarkProgram program, Value?[] globals, Value[] predeclared)
{
    public readonly StarlarkProgram Program = program;
    public readonly Value?[] Globals = globals;
    public readonly Value[] Predeclared = predeclared;
}

/// <summary>How a statement completed.</summary>
internal enum Flow
{
    Normal,
    Break,
    Continue,
    Return,
}
