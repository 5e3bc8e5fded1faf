using System.Text;
using Hull.Starlark;
using Hull.Templating.Compilation;

namespace Hull.Templating.Evaluation;

/// <summary>One frame of a failure: the function it was in (if known) and the generated code position.</summary>
/// <param name="Function">Function name (`&lt;toplevel&gt;`, `lambda`, ...), or null for syntax and resolve errors.</param>
/// <param name="File">The compiled template's name.</param>
/// <param name="Line">1-based line in the generated code (0 when unknown).</param>
public readonly record struct ErrorFrame(string? Function, string File, int Line);

/// <summary>One failure to report: message and frames, outermost first.</summary>
public sealed record TemplateError(string Message, IReadOnlyList<ErrorFrame> Frames);

/// <summary>Lays out failures as ytt does: `- message`, then each frame's `in name` and `file:line | source`.</summary>
public static class TemplateErrorFormatter
{
    /// <summary>Formats errors, looking up generated code lines per template file.</summary>
    public static string Format(IEnumerable<TemplateError> errors, Func<string, IReadOnlyList<CodeLine>?> codeOf)
    {
        var sb = new StringBuilder();
        foreach (var err in errors)
        {
            string topic = err.Message;
            string[] others = [];
            int nl = err.Message.IndexOf('\n', StringComparison.Ordinal);
            if (nl >= 0)
            {
                topic = err.Message[..nl];
                others = err.Message[(nl + 1)..].Split('\n');
            }
            sb.Append('\n').Append("- ").Append(topic).Append(Hint(topic));
            var printable = new List<(ErrorFrame Frame, IReadOnlyList<CodeLine> Code)>();
            foreach (var frame in err.Frames)
            {
                if (frame.Line <= 0) continue;
                var code = codeOf(frame.File);
                if (code is null || frame.Line > code.Count) continue;
                printable.Add((frame, code));
            }
            for (int index = 0; index < printable.Count; index++)
            {
                if (!TracebackElision.IsShown(index, printable.Count))
                {
                    if (index == TracebackElision.FramesAtEachEnd)
                        sb.Append("\n    ").Append(TracebackElision.OmittedLine(TracebackElision.Omitted(printable.Count)));
                    continue;
                }
                var (frame, code) = printable[index];
                string pad = "    ";
                if (!string.IsNullOrEmpty(frame.Function))
                {
                    sb.Append('\n').Append(pad).Append("in ").Append(frame.Function);
                    pad += "  ";
                }
                var line = code[frame.Line - 1];
                if (line.Source is { } src)
                {
                    var shown = src.Selection ?? src;
                    sb.Append('\n').Append(pad).Append(shown.Compact).Append(" | ").Append(shown.Content);
                }
                else
                {
                    var before = Closest(code, frame.Line, -1);
                    if (before?.Source is { } b)
                    {
                        sb.Append('\n').Append(pad).Append(b.Compact).Append(" | ").Append(b.Content);
                    }
                    sb.Append('\n').Append(pad).Append(frame.File).Append(":? | ").Append(line.Instruction.Display).Append(" (generated)");
                    var after = Closest(code, frame.Line, 1);
                    if (after?.Source is { } a)
                    {
                        sb.Append('\n').Append(pad).Append(a.Compact).Append(" | ").Append(a.Content);
                    }
                }
            }
            if (others.Length > 0)
            {
                sb.Append("\n\n    reason:");
                foreach (var o in others)
                {
                    sb.Append("\n     ").Append(o);
                }
            }
        }
        return sb.ToString();
    }

    private static CodeLine? Closest(IReadOnlyList<CodeLine> code, int line, int step)
    {
        for (int l = line + step; ; l += step)
        {
            if (l < 1 || l > code.Count) return null;
            if (code[l - 1].Source is not null) return code[l - 1];
        }
    }

    private static string Hint(string msg)
    {
        string? hint = msg switch
        {
            "undefined: true" => "use 'True' instead of 'true' for boolean assignment",
            "undefined: false" => "use 'False' instead of 'false' for boolean assignment",
            "got newline, want ':'" => "missing colon at the end of 'if/for/def' statement?",
            "undefined: null" => "use 'None' instead of 'null' to indicate no value",
            "undefined: nil" => "use 'None' instead of 'nil' to indicate no value",
            "undefined: none" => "use 'None' instead of 'none' to indicate no value",
            "unhandled index operation struct[string]" => "use getattr(...) to access struct field programmatically",
            _ => null,
        };
        return hint is null ? "" : $" (hint: {hint})";
    }
}
