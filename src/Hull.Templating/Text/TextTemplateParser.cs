using System.Globalization;

namespace Hull.Templating.Text;

/// <summary>A piece of a text template: literal text or a `(@ ... @)` code block.</summary>
/// <param name="IsCode">Whether this is a code block.</param>
/// <param name="Line">Line (in the containing file) where the piece starts.</param>
/// <param name="Content">Text, or the code block's inner content including its `-`/`=` markers.</param>
public sealed record TextPiece(bool IsCode, int Line, string Content) : TextTemplateNode
{
    /// <summary>The content after trimming and print markers are applied; mutable because trim markers edit neighbours.</summary>
    public string Content { get; set; } = Content;

    /// <summary>`(@-`: trim whitespace before.</summary>
    public bool TrimLeft => IsCode && Content.StartsWith('-');

    /// <summary>`-@)`: trim whitespace after.</summary>
    public bool TrimRight => IsCode && Content.EndsWith('-');

    /// <summary>`(@=` or `(@-=`: print the value.</summary>
    public bool Prints => IsCode && (Content.StartsWith('=') || Content.StartsWith("-=", StringComparison.Ordinal));

    /// <summary>The Starlark code of a code block.</summary>
    public string Code
    {
        get
        {
            string c = Content;
            if (c.StartsWith('-')) c = c[1..];
            if (c.StartsWith('=')) c = c[1..];
            if (c.EndsWith('-')) c = c[..^1];
            return c;
        }
    }
}

/// <summary>Splits text into literal and `(@ @)` pieces, as ytt's text template parser does.</summary>
public static class TextTemplateParser
{
    /// <summary>Parses a text template whose first line is <paramref name="firstLine"/> in its file.</summary>
    public static List<TextPiece> Parse(string data, int firstLine = 1)
    {
        var pieces = new List<TextPiece>();
        bool inCode = false;
        int start = 0, startLine = firstLine, line = firstLine, col = 1;
        char last = '\0';
        for (int i = 0; i < data.Length; i++)
        {
            char c = data[i];
            if (last == '(' && c == '@')
            {
                if (inCode)
                {
                    throw new TemplateException($"Unexpected code opening '(@' at line {Num(line - firstLine + 1)} col {Num(col)}");
                }
                pieces.Add(new TextPiece(false, startLine, data[start..(i - 1)]));
                inCode = true;
                start = i + 1;
                startLine = line;
            }
            else if (last == '@' && c == ')')
            {
                if (!inCode)
                {
                    throw new TemplateException($"Unexpected code closing '@)' at line {Num(line - firstLine + 1)} col {Num(col)}");
                }
                pieces.Add(new TextPiece(true, startLine, data[start..(i - 1)]));
                inCode = false;
                start = i + 1;
                startLine = line;
            }
            if (c == '\n') { line++; col = 1; } else { col++; }
            last = c;
        }
        if (inCode)
        {
            throw new TemplateException($"Missing code closing '@)' at line {Num(line - firstLine + 1)} col {Num(col)}");
        }
        pieces.Add(new TextPiece(false, startLine, data[start..]));
        return pieces;
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
