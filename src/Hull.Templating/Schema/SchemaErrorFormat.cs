using System.Globalization;
using System.Text;
using Hull.Templating.DataValues;

namespace Hull.Templating.Schema;

/// <summary>
/// ytt's layout of schema type-check failures: a heading, then per problem the source (file, or the flag as
/// `(data-value arg)`), its line with a gutter as wide as the largest line number, and found/expected.
/// </summary>
public static class SchemaErrorFormat
{
    /// <summary>Formats every problem; <paramref name="sourceLine"/> returns a file's line text (null when unknown).</summary>
    /// <param name="problems">The problems, in the order found.</param>
    /// <param name="sourceLine">Line lookup by (file, line).</param>
    /// <param name="overlayOrder">Sources overlaid so far, named in the heading ytt gives undeclared keys.</param>
    public static string Format(IReadOnlyList<SchemaProblem> problems, Func<string, int, string?> sourceLine, IReadOnlyList<string> overlayOrder)
    {
        const string title = "One or more data values were invalid";
        var sb = new StringBuilder();
        if (problems.Any(p => p.UndeclaredKey))
        {
            sb.Append("Overlaying data values (in following order: ").Append(string.Join(", ", overlayOrder)).Append("): ");
        }
        sb.Append('\n').Append(title).Append('\n').Append('=', title.Length).Append("\n\n");
        int digits = problems.Select(p => p.Source.Line.ToString(CultureInfo.InvariantCulture).Length).DefaultIfEmpty(1).Max();
        string indent = new(' ', digits + 3);
        for (int i = 0; i < problems.Count; i++)
        {
            var p = problems[i];
            if (i > 0) sb.Append('\n');
            string file = p.Source.File ?? "";
            sb.Append(DataValuesStep.DisplayName(file)).Append(":\n");
            string? text = p.Source.Line > 0 ? sourceLine(file, p.Source.Line) : null;
            if (text is not null)
            {
                sb.Append(indent).Append("|\n");
                sb.Append(p.Source.Line.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 2)).Append(" | ").Append(text).Append('\n');
                sb.Append(indent).Append("|\n\n");
            }
            sb.Append(indent).Append("= found: ").Append(p.Found).Append('\n');
            sb.Append(indent).Append("= expected: ").Append(p.Expected).Append(" (by ").Append(p.By.AsCompactString()).Append(")\n");
            if (p.UndeclaredKey)
            {
                sb.Append(indent).Append("= hint: declare data values in schema and override them in a data values document\n");
            }
            // Not in ytt's layout: the key path, so a value given by a flag or deep in a document is named exactly.
            if (p.Path.Length > 0) sb.Append(indent).Append("= path: ").Append(p.Path).Append('\n');
        }
        return sb.ToString();
    }
}
