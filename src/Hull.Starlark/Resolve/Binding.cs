using Hull.Starlark.Syntax;

namespace Hull.Starlark.Resolve;

/// <summary>Where a name lives at run time.</summary>
public enum Scope
{
    /// <summary>A slot of the current frame.</summary>
    Local,
    /// <summary>A frame slot holding a cell shared with nested functions.</summary>
    Cell,
    /// <summary>A cell captured from an enclosing function.</summary>
    Free,
    /// <summary>A module global slot.</summary>
    Global,
    /// <summary>A name predeclared by the host.</summary>
    Predeclared,
    /// <summary>A built-in of the language.</summary>
    Universal,
}

/// <summary>A resolved name: its scope and slot index.</summary>
public sealed class Binding(Scope scope, int index, string name, Position first)
{
    /// <summary>Scope.</summary>
    public Scope Scope { get; set; } = scope;
    /// <summary>Slot index within the scope.</summary>
    public int Index { get; } = index;
    /// <summary>The name.</summary>
    public string Name { get; } = name;
    /// <summary>Where it was first bound (or used).</summary>
    public Position First { get; } = first;
}

/// <summary>The resolver's description of one function body (or the module top level).</summary>
public sealed class FunctionScope
{
    /// <summary>Frame slots: parameters first, then other locals.</summary>
    public List<Binding> Locals { get; } = [];
    /// <summary>Bindings of the enclosing function captured by this one, in free-slot order.</summary>
    public List<Binding> FreeVars { get; } = [];
    /// <summary>Number of named parameters (including keyword-only), excluding *args and **kwargs.</summary>
    public int NumParams { get; set; }
    /// <summary>Number of keyword-only parameters (the last ones of the named parameters).</summary>
    public int NumKwOnly { get; set; }
    /// <summary>Has *args.</summary>
    public bool HasVarargs { get; set; }
    /// <summary>Has **kwargs.</summary>
    public bool HasKwargs { get; set; }
}
