using System.Text;
using System.Text.RegularExpressions;

namespace Hull.Templating;

/// <summary>
/// How ytt's command line lays out an error message: on its first line, each `: ` followed by a capital letter
/// (outside brackets, braces, parentheses and `...|raw|...` spans) starts a new line indented two more spaces, so
/// nested causes read as a tree; the other lines are kept as they are. Unbalanced first lines are left untouched.
/// </summary>
public static partial class MultiLineErrorLayout
{
    /// <summary>The message as ytt prints it after `ytt: Error: `.</summary>
    public static string Format(string message)
    {
        int newline = message.IndexOf('\n', StringComparison.Ordinal);
        string first = newline < 0 ? message : message[..newline];
        string rest = newline < 0 ? "" : message[newline..];
        if (!TrySplitTopLevel(first, out var pieces)) return message;

        var joined = new StringBuilder();
        foreach (var (text, topLevel) in pieces)
        {
            joined.Append(topLevel ? CauseSeparator().Replace(text, ":\n$1") : text);
        }

        var chunks = joined.ToString().Split('\n');
        var result = new StringBuilder();
        for (int i = 0; i < chunks.Length; i++)
        {
            if (i > 0) result.Append('\n');
            result.Append(' ', 2 * i).Append(chunks[i]);
        }

        return result.Append(rest).ToString();
    }

    // Cuts the line into runs of text outside any bracket (top level) and runs inside them, in order.
    private static bool TrySplitTopLevel(string line, out List<(string Text, bool TopLevel)> pieces)
    {
        pieces = [];
        int depth = 0;
        bool raw = false;
        var current = new StringBuilder();
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (!raw && depth >= 0)
            {
                if (c is '[' or '{' or '(')
                {
                    if (depth == 0) Flush(pieces, current, topLevel: true);
                    depth++;
                    current.Append(c);
                    continue;
                }

                if (c is ']' or '}' or ')')
                {
                    depth--;
                    if (depth < 0) return false;
                    current.Append(c);
                    if (depth == 0) Flush(pieces, current, topLevel: false);
                    continue;
                }
            }

            if (!raw && i + 4 < line.Length && string.CompareOrdinal(line, i, "...|", 0, 4) == 0)
            {
                if (depth == 0) Flush(pieces, current, topLevel: true);
                raw = true;
            }
            else if (raw && i >= 3 && string.CompareOrdinal(line, i - 3, "|...", 0, 4) == 0)
            {
                current.Append(c);
                raw = false;
                if (depth == 0) Flush(pieces, current, topLevel: false);
                continue;
            }

            current.Append(c);
        }

        if (depth != 0 || raw) return false;
        Flush(pieces, current, topLevel: true);
        return true;
    }

    private static void Flush(List<(string, bool)> pieces, StringBuilder current, bool topLevel)
    {
        if (current.Length == 0) return;
        pieces.Add((current.ToString(), topLevel));
        current.Clear();
    }

    [GeneratedRegex(": ([A-Z])")]
    private static partial Regex CauseSeparator();
}
