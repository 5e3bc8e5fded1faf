namespace Hull.Templating.Compilation;

/// <summary>A line of the template's source: where it is and what it says (for error messages).</summary>
/// <param name="File">Template file name as shown in errors.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Content">The line's text.</param>
public sealed record SourceLine(string File, int Line, string Content)
{
    /// <summary>The part of the line an inline text template came from, shown instead of the whole line.</summary>
    public SourceLine? Selection { get; init; }

    /// <summary>`file:line`.</summary>
    public string Compact => File + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A generated code line and the source line it came from (none for generated-only lines).</summary>
public readonly record struct CodeLine(Instruction Instruction, SourceLine? Source);
