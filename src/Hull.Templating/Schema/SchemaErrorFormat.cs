using System.Globalization;
using System.Text;

namespace Hull.Templating.Schema;

/// <summary>ytt's layout of schema type-check failures: a heading, then per problem the source line and found/expected.</summary>
public static class SchemaErrorFormat
{
    /// <summary>Formats every problem; <paramref name="sourceLine"/> returns a file's line text (null when unknown).</summary>
    public static string Format(IReadOnlyList<SchemaProblem> problems, Func<string, int, string?> sourceLine)
    {
        const string title = "One or more data values were invalid";
        var sb = new StringBuilder(title).Append('\n').Append('=', title.Length).Append("\n\n");
        foreach (var p in problems)
        {
            var (file, line) = Split(p.Source);
            sb.Append(file).Append(":\n");
            string? text = line > 0 ? sourceLine(file, line) : null;
            if (text is not null)
            {
                string num = line.ToString(CultureInfo.InvariantCulture);
                string pad = new(' ', num.Length + 1);
                sb.Append(pad).Append(" |\n");
                sb.Append(' ').Append(num).Append(" | ").Append(text).Append('\n');
                sb.Append(pad).Append(" |\n\n");
            }
            sb.Append("    = path: ").Append(p.Path.Length == 0 ? "(root)" : p.Path).Append('\n');
            sb.Append("    = found: ").Append(p.Found).Append('\n');
            sb.Append("    = expected: ").Append(p.Expected).Append(" (by ").Append(p.By.AsCompactString()).Append(")\n\n");
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static (string File, int Line) Split(string source)
    {
        int colon = source.LastIndexOf(':');
        if (colon > 0 && int.TryParse(source.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int line))
        {
            return (source[..colon], line);
        }
        return (source, 0);
    }
}
