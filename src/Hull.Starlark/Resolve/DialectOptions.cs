namespace Hull.Starlark.Resolve;

/// <summary>Optional language features; ytt runs with all of them on (the default).</summary>
public sealed record DialectOptions
{
    /// <summary>Floating point literals, float() and `/`.</summary>
    public bool AllowFloat { get; init; } = true;
    /// <summary>The set built-in.</summary>
    public bool AllowSet { get; init; } = true;
    /// <summary>Lambda expressions.</summary>
    public bool AllowLambda { get; init; } = true;
    /// <summary>def inside def.</summary>
    public bool AllowNestedDef { get; init; } = true;
    /// <summary>Recursion and while loops.</summary>
    public bool AllowRecursion { get; init; } = true;
    /// <summary>Reassigning globals and if/for/while at top level.</summary>
    public bool AllowGlobalReassign { get; init; } = true;

    /// <summary>ytt's dialect: everything on.</summary>
    public static DialectOptions Ytt { get; } = new();

    /// <summary>The strict core dialect: every option off.</summary>
    public static DialectOptions Strict { get; } = new()
    {
        AllowFloat = false,
        AllowSet = false,
        AllowLambda = false,
        AllowNestedDef = false,
        AllowRecursion = false,
        AllowGlobalReassign = false,
    };
}
