using System.Text;

namespace Hull.Yaml.Emitting;

/// <summary>
/// go-yaml v2's line folding, which kbld's YAML (sigs.k8s.io/yaml) keeps: a plain or quoted scalar value is broken
/// at a space once the line is past column 80, continuing two columns right of its key (or of its <c>-</c>).
/// Applied to block-style text as <see cref="YamlEmitter"/> writes it; keys, block scalars and flow collections are left alone.
/// </summary>
internal static class LineFolding
{
    private const int BestWidth = 80;

    /// <summary>The text with long scalar lines folded as go-yaml v2 folds them.</summary>
    public static string Fold(string yaml)
    {
        // Most output has no line long enough to fold; skip the work then.
        if (!HasLongLine(yaml))
        {
            return yaml;
        }
        var sb = new StringBuilder(yaml.Length + 64);
        int blockParent = -1;
        int start = 0;
        while (start < yaml.Length)
        {
            int end = yaml.IndexOf('\n', start);
            bool newline = end >= 0;
            string line = newline ? yaml[start..end] : yaml[start..];
            start = newline ? end + 1 : yaml.Length;

            int indent = 0;
            while (indent < line.Length && line[indent] == ' ')
            {
                indent++;
            }
            if (blockParent >= 0)
            {
                if (indent >= line.Length || indent > blockParent)
                {
                    Append(sb, line, newline);
                    continue;
                }
                blockParent = -1;
            }
            FoldLine(line, indent, sb, ref blockParent);
            if (newline)
            {
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>Folds what <paramref name="sb"/> holds from <paramref name="start"/> (a line start) on, in place.</summary>
    public static void FoldFrom(StringBuilder sb, int start)
    {
        // Scan the builder's chunks first: copying the text out is only worth it when some line is long.
        var column = 0;
        var position = 0;
        var longLine = false;
        foreach (var chunk in sb.GetChunks())
        {
            var span = chunk.Span;
            var from = Math.Max(start - position, 0);
            position += span.Length;
            for (var i = from; i < span.Length && !longLine; i++)
            {
                column = span[i] == '\n' ? 0 : column + 1;
                longLine = column > BestWidth + 1;
            }

            if (longLine)
            {
                break;
            }
        }

        if (!longLine)
        {
            return;
        }

        var folded = Fold(sb.ToString(start, sb.Length - start));
        sb.Length = start;
        sb.Append(folded);
    }

    private static bool HasLongLine(string yaml)
    {
        int lineStart = 0;
        for (int i = 0; i < yaml.Length; i++)
        {
            if (yaml[i] == '\n')
            {
                if (i - lineStart > BestWidth + 1)
                {
                    return true;
                }
                lineStart = i + 1;
            }
        }
        return yaml.Length - lineStart > BestWidth + 1;
    }

    private static void Append(StringBuilder sb, string line, bool newline)
    {
        sb.Append(line);
        if (newline)
        {
            sb.Append('\n');
        }
    }

    private static void FoldLine(string line, int indent, StringBuilder sb, ref int blockParent)
    {
        // Walk past "- " markers and a key to where the value starts; the value's block indent is the column of the
        // innermost key, else of the innermost "-".
        int p = indent;
        int owner = indent;
        while (p + 1 < line.Length && line[p] == '-' && line[p + 1] == ' ')
        {
            owner = p;
            p += 2;
        }
        if (p < line.Length && line[p] == '?')
        {
            sb.Append(line);
            return;
        }
        int keyEnd = KeyEnd(line, p);
        if (keyEnd >= 0)
        {
            owner = p;
            p = keyEnd + 1;
            if (p >= line.Length)
            {
                sb.Append(line);
                return;
            }
            p++; // the space after the colon
        }
        if (p >= line.Length)
        {
            sb.Append(line);
            return;
        }
        char first = line[p];
        if (first is '|' or '>')
        {
            blockParent = owner;
            sb.Append(line);
            return;
        }
        if (line.Length <= BestWidth + 1 || first is '{' or '[' or '&' or '*' or '!')
        {
            sb.Append(line);
            return;
        }
        int continuation = owner + 2;
        sb.Append(line, 0, p);
        switch (first)
        {
            case '\'':
                SingleQuoted(line, p, continuation, sb);
                break;
            case '"':
                DoubleQuoted(line, p, continuation, sb);
                break;
            default:
                Plain(line, p, continuation, sb);
                break;
        }
    }

    // The index of the ':' that ends a key starting at p, or -1 when the rest of the line is a value.
    private static int KeyEnd(string line, int p)
    {
        int i = p;
        if (i < line.Length && line[i] is '\'' or '"')
        {
            i = QuotedEnd(line, i);
            if (i < 0)
            {
                return -1;
            }
            i++;
            return i < line.Length && line[i] == ':' && (i + 1 == line.Length || line[i + 1] == ' ') ? i : -1;
        }
        for (; i < line.Length; i++)
        {
            if (line[i] == ':' && (i + 1 == line.Length || line[i + 1] == ' '))
            {
                return i;
            }
        }
        return -1;
    }

    private static int QuotedEnd(string line, int open)
    {
        char quote = line[open];
        for (int i = open + 1; i < line.Length; i++)
        {
            if (quote == '"' && line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == quote)
            {
                if (quote == '\'' && i + 1 < line.Length && line[i + 1] == '\'')
                {
                    i++;
                    continue;
                }
                return i;
            }
        }
        return -1;
    }

    private static int Column(string line, int index)
    {
        int column = 0;
        for (int i = 0; i < index; i++)
        {
            if (!char.IsLowSurrogate(line[i]))
            {
                column++;
            }
        }
        return column;
    }

    private static void Break(StringBuilder sb, int continuation, ref int column)
    {
        sb.Append('\n').Append(' ', continuation);
        column = continuation;
    }

    // A character other than a space: columns count code points, so the low half of a surrogate pair adds none.
    private static void AppendNonSpace(StringBuilder sb, char c, ref int column)
    {
        sb.Append(c);
        if (!char.IsLowSurrogate(c))
        {
            column++;
        }
    }

    private static void Plain(string line, int p, int continuation, StringBuilder sb) =>
        FoldAtSpaces(line, p, line.Length, Column(line, p), continuation, sb);

    private static void SingleQuoted(string line, int p, int continuation, StringBuilder sb)
    {
        int close = QuotedEnd(line, p);
        if (close < 0)
        {
            sb.Append(line, p, line.Length - p);
            return;
        }
        sb.Append('\'');
        FoldAtSpaces(line, p + 1, close, Column(line, p) + 1, continuation, sb);
        sb.Append(line, close, line.Length - close);
    }

    // Copies line[from..end) breaking at the first of a run of single spaces once past the width, as go-yaml does for
    // plain and single-quoted scalars: never at the first or last character, never before another space.
    private static void FoldAtSpaces(string line, int from, int end, int column, int continuation, StringBuilder sb)
    {
        bool spaces = false;
        for (int i = from; i < end; i++)
        {
            char c = line[i];
            if (c == ' ')
            {
                if (!spaces && column > BestWidth && i > from && i < end - 1 && line[i + 1] != ' ')
                {
                    Break(sb, continuation, ref column);
                }
                else
                {
                    sb.Append(c);
                    column++;
                }
                spaces = true;
                continue;
            }
            AppendNonSpace(sb, c, ref column);
            spaces = false;
        }
    }

    private static void DoubleQuoted(string line, int p, int continuation, StringBuilder sb)
    {
        int close = QuotedEnd(line, p);
        if (close < 0)
        {
            sb.Append(line, p, line.Length - p);
            return;
        }
        int column = Column(line, p);
        sb.Append('"');
        column++;
        bool spaces = false;
        for (int i = p + 1; i < close; i++)
        {
            char c = line[i];
            if (c == '\\')
            {
                // An escape sequence is written as a whole and counts as a non-space.
                int length = EscapeLength(line, i);
                sb.Append(line, i, length);
                column += length;
                i += length - 1;
                spaces = false;
                continue;
            }
            if (c == ' ')
            {
                if (!spaces && column > BestWidth && i > p + 1 && i < close - 1)
                {
                    Break(sb, continuation, ref column);
                    if (line[i + 1] == ' ')
                    {
                        sb.Append('\\');
                        column++;
                    }
                }
                else
                {
                    sb.Append(c);
                    column++;
                }
                spaces = true;
                continue;
            }
            AppendNonSpace(sb, c, ref column);
            spaces = false;
        }
        sb.Append(line, close, line.Length - close);
    }

    private static int EscapeLength(string line, int i) => i + 1 < line.Length ? line[i + 1] switch
    {
        'x' => 4,
        'u' => 6,
        'U' => 10,
        _ => 2,
    } : 1;
}
