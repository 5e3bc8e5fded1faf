using System.Text;

namespace Hull.Yaml.Formatting;

/// <summary>One piece of `fmt` output: a line's content, or a spacer that becomes a blank line before the next content.</summary>
internal readonly record struct FormatChunk(string Content, string Indent, bool AllowsInlining = false, bool CanBeInlined = false, bool Spacer = false);

/// <summary>Joins chunks as ytt's fmt writer does: inlining `-` and `key:` with what follows, collapsing spacers.</summary>
internal sealed class FormatWriter
{
    private readonly StringBuilder _out;
    private FormatChunk _last;

    public FormatWriter(StringBuilder output) => _out = output;

    public void Add(FormatChunk chunk)
    {
        var last = _last;
        _last = chunk;
        if (chunk.Spacer)
        {
            return;
        }

        if (last.Spacer)
        {
            _out.Append('\n');
        }

        if (last.AllowsInlining)
        {
            if (!chunk.CanBeInlined)
            {
                _out.Append('\n');
                GoPrintf(chunk.Indent);
            }
            else
            {
                _out.Append(' ');
            }
        }
        else
        {
            GoPrintf(chunk.Indent);
        }

        GoPrintf(IndentMultiline(chunk));
        if (!chunk.AllowsInlining)
        {
            _out.Append('\n');
        }
    }

    private static string IndentMultiline(FormatChunk chunk)
    {
        if (!chunk.Content.Contains('\n'))
        {
            return chunk.Content;
        }

        var prefix = chunk.Indent.Length >= 2 ? chunk.Indent[..^2] : "";
        var pieces = chunk.Content.Split('\n');
        for (var i = 1; i < pieces.Length; i++)
        {
            pieces[i] = prefix + pieces[i];
        }

        return string.Join('\n', pieces);
    }

    // ytt passes content to Fprintf as the format string with no arguments; reproduce what Go prints for verbs.
    private void GoPrintf(string format)
    {
        var i = 0;
        while (i < format.Length)
        {
            var pct = format.IndexOf('%', i);
            if (pct < 0)
            {
                _out.Append(format, i, format.Length - i);
                return;
            }

            _out.Append(format, i, pct - i);
            var j = pct + 1;
            while (j < format.Length && "+-# 0".Contains(format[j]))
            {
                j++;
            }

            while (j < format.Length && (char.IsAsciiDigit(format[j]) || format[j] == '.' || format[j] == '*'))
            {
                j++;
            }

            if (j >= format.Length)
            {
                _out.Append("%!(NOVERB)");
                return;
            }

            var verb = char.ConvertFromUtf32(char.IsSurrogatePair(format, j) ? char.ConvertToUtf32(format, j) : format[j]);
            if (verb == "%")
            {
                _out.Append('%');
            }
            else
            {
                _out.Append("%!").Append(verb).Append("(MISSING)");
            }

            i = j + verb.Length;
        }
    }
}
