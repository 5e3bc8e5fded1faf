namespace Hull.Starlark.Syntax;

/// <summary>Options of the scanner and parser.</summary>
public sealed record ParseOptions
{
    /// <summary>ytt's block form: indentation is insignificant and `end` closes def/if/for/while bodies.</summary>
    public bool BlocksEndWithKeyword { get; init; }

    /// <summary>The standard (indentation) dialect.</summary>
    public static ParseOptions Standard { get; } = new();

    /// <summary>ytt's dialect, blocks closed with `end`.</summary>
    public static ParseOptions Ytt { get; } = new() { BlocksEndWithKeyword = true };
}
