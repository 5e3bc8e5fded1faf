using System.Globalization;
using System.Numerics;
using System.Text;
using Hull.Yaml.Emitting;

namespace Hull.Yaml;

/// <summary>
/// Writes YAML exactly as ytt does (go-yaml v2's Marshal of ordered maps): two-space indentation, sequences
/// under map keys not indented, go-yaml's quoting, literal blocks for multi-line strings; no line folding unless
/// <see cref="YamlEmitOptions.FoldLongLines"/> asks for go-yaml v2.4's.
/// </summary>
public static class YamlEmitter
{
    /// <summary>ytt's output of documents: empty and injected documents skipped, `---` between the rest.</summary>
    public static string EmitDocuments(IEnumerable<Document> documents) => EmitDocuments(documents, YamlEmitOptions.Default);

    /// <summary>ytt's output of documents, written with <paramref name="options"/>.</summary>
    public static string EmitDocuments(IEnumerable<Document> documents, YamlEmitOptions options)
    {
        var sb = new StringBuilder();
        WriteDocuments(documents, sb, options);
        return sb.ToString();
    }

    /// <summary>Appends ytt's output of documents.</summary>
    public static void WriteDocuments(IEnumerable<Document> documents, StringBuilder sb) => WriteDocuments(documents, sb, YamlEmitOptions.Default);

    /// <summary>Appends ytt's output of documents, written with <paramref name="options"/>.</summary>
    public static void WriteDocuments(IEnumerable<Document> documents, StringBuilder sb, YamlEmitOptions options)
    {
        var first = true;
        foreach (var doc in documents)
        {
            if (doc.Injected || doc.IsEmpty)
            {
                continue;
            }

            if (!first)
            {
                sb.Append("---\n");
            }

            first = false;
            Write(doc.Value, sb, options);
        }
    }

    /// <summary>go-yaml v2's Marshal of one value (a document's content): ends with a newline.</summary>
    public static string Emit(object? value) => Emit(value, YamlEmitOptions.Default);

    /// <summary>go-yaml v2's Marshal of one value, written with <paramref name="options"/>.</summary>
    public static string Emit(object? value, YamlEmitOptions options)
    {
        var sb = new StringBuilder();
        Write(value, sb, options);
        return sb.ToString();
    }

    /// <summary>Appends go-yaml v2's Marshal of one value.</summary>
    public static void Write(object? value, StringBuilder sb) => Write(value, sb, YamlEmitOptions.Default);

    /// <summary>Appends go-yaml v2's Marshal of one value, written with <paramref name="options"/>.</summary>
    public static void Write(object? value, StringBuilder sb, YamlEmitOptions options)
    {
        var start = sb.Length;
        WriteUnfolded(value, sb);
        if (options.FoldLongLines)
        {
            LineFolding.FoldFrom(sb, start);
        }
    }

    private static void WriteUnfolded(object? value, StringBuilder sb)
    {
        if (value is Document d)
        {
            value = d.Value;
        }

        switch (value)
        {
            case Map { Items.Count: > 0 } m:
                WriteMapBody(m, 0, false, sb);
                break;
            case YamlArray { Items.Count: > 0 } a:
                WriteSeqBody(a, 0, false, sb);
                break;
            case Map:
                sb.Append("{}\n");
                break;
            case YamlArray:
                sb.Append("[]\n");
                break;
            default:
                if (!WriteScalar(value, -1, false, sb))
                {
                    sb.Append('\n');
                }

                break;
        }
    }

    /// <summary>A scalar as go-yaml writes it on its own (the text of `key: &lt;text&gt;`), without a trailing newline.</summary>
    public static string FormatScalar(object? value)
    {
        var sb = new StringBuilder();
        WriteScalar(value, -1, false, sb);
        if (sb.Length > 0 && sb[^1] == '\n')
        {
            sb.Length--;
        }

        return sb.ToString();
    }

    private static void WriteMapBody(Map m, int indent, bool firstInline, StringBuilder sb)
    {
        NestingLimit.EnsureStack();
        for (var i = 0; i < m.Items.Count; i++)
        {
            if (i > 0 || !firstInline)
            {
                sb.Append(' ', indent);
            }

            var item = m.Items[i];
            if (IsSimpleKey(item.Key))
            {
                WriteScalar(item.Key, indent, true, sb);
                sb.Append(':');
                WriteMapValue(item.Value, indent, sb);
            }
            else
            {
                // go-yaml's complex key form for keys longer than 128 bytes or spanning lines.
                sb.Append("? ");
                if (!WriteScalar(item.Key, indent, false, sb))
                {
                    sb.Append('\n');
                }

                sb.Append(' ', indent).Append(':');
                WriteAfterIndicator(item.Value, indent, sb);
            }
        }
    }

    private static void WriteSeqBody(YamlArray a, int indent, bool firstInline, StringBuilder sb)
    {
        NestingLimit.EnsureStack();
        for (var i = 0; i < a.Items.Count; i++)
        {
            if (i > 0 || !firstInline)
            {
                sb.Append(' ', indent);
            }

            sb.Append('-');
            WriteAfterIndicator(a.Items[i].Value, indent, sb);
        }
    }

    // After "key:" of a block mapping at the given indent.
    private static void WriteMapValue(object? value, int indent, StringBuilder sb)
    {
        switch (value)
        {
            case Map { Items.Count: > 0 } m:
                sb.Append('\n');
                WriteMapBody(m, indent + 2, false, sb);
                return;
            case YamlArray { Items.Count: > 0 } a:
                sb.Append('\n');
                WriteSeqBody(a, indent, false, sb); // sequences in mappings are not indented
                return;
            case Map:
                sb.Append(" {}\n");
                return;
            case YamlArray:
                sb.Append(" []\n");
                return;
            default:
                sb.Append(' ');
                if (!WriteScalar(value, indent, false, sb))
                {
                    sb.Append('\n');
                }

                return;
        }
    }

    // After "-" (or ":" of a complex key) at the given indent: nested collections start on the same line.
    private static void WriteAfterIndicator(object? value, int indent, StringBuilder sb)
    {
        switch (value)
        {
            case Map { Items.Count: > 0 } m:
                sb.Append(' ');
                WriteMapBody(m, indent + 2, true, sb);
                return;
            case YamlArray { Items.Count: > 0 } a:
                sb.Append(' ');
                WriteSeqBody(a, indent + 2, true, sb);
                return;
            default:
                WriteMapValue(value, indent, sb);
                return;
        }
    }

    private static bool IsSimpleKey(object? key)
    {
        if (key is not string s)
        {
            return true;
        }

        return (s.Length * 3 <= 128 || Encoding.UTF8.GetByteCount(s) <= 128) && s.AsSpan().IndexOfAny(LineBreaks) < 0;
    }

    private static readonly System.Buffers.SearchValues<char> LineBreaks = System.Buffers.SearchValues.Create("\r\n\u0085\u2028\u2029");

    private static readonly System.Buffers.SearchValues<char> PlainSafe =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/- ");

    // Most strings (names, images, labels) need no quoting analysis: safe characters only, no leading indicator
    // or surrounding space, no document-marker prefix. Whether they would read back as another type is checked apart.
    private static bool IsObviouslyPlain(string s) =>
        s.Length > 0 && s[0] != ' ' && s[^1] != ' ' && s[0] != '-' && s[0] != '.'
        && !s.AsSpan().ContainsAnyExcept(PlainSafe);

    // Writes a scalar; returns true when it ended the line itself (literal blocks).
    private static bool WriteScalar(object? value, int indent, bool simpleKey, StringBuilder sb)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                return false;
            case string s:
                return WriteString(s, indent, simpleKey, sb);
            case bool b:
                sb.Append(b ? "true" : "false");
                return false;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                return false;
            case int i:
                sb.Append(i.ToString(CultureInfo.InvariantCulture));
                return false;
            case BigInteger bi:
                sb.Append(bi.ToString(CultureInfo.InvariantCulture));
                return false;
            case ulong ul:
                sb.Append(ul.ToString(CultureInfo.InvariantCulture));
                return false;
            case double d:
                sb.Append(FormatFloat(d));
                return false;
            case float f:
                sb.Append(FormatFloat(f));
                return false;
            case Node n:
                throw new YamlException("yaml: cannot marshal " + n.GetType().Name + " as a scalar");
            default:
                throw new YamlException("yaml: cannot marshal type: " + value.GetType().Name);
        }
    }

    /// <summary>A float as go-yaml writes it: `123.123`, `1e+06`, `.inf`, `-.inf`, `.nan`.</summary>
    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d))
        {
            return ".nan";
        }

        if (double.IsPositiveInfinity(d))
        {
            return ".inf";
        }

        if (double.IsNegativeInfinity(d))
        {
            return "-.inf";
        }

        return GoFloat.FormatG(d);
    }

    private static bool WriteString(string s, int indent, bool simpleKey, StringBuilder sb)
    {
        if (IsObviouslyPlain(s) && ScalarResolver.StaysString(s))
        {
            sb.Append(s);
            return false;
        }

        var canUsePlain = ScalarResolver.StaysString(s);
        var a = ScalarAnalysis.Analyze(s);
        var literal = s.Contains('\n');
        if (simpleKey && a.Multiline)
        {
            WriteDoubleQuoted(s, sb);
            return false;
        }

        if (literal)
        {
            if (!a.BlockAllowed || simpleKey)
            {
                WriteDoubleQuoted(s, sb);
                return false;
            }

            WriteLiteral(s, indent < 0 ? 2 : indent + 2, sb);
            return true;
        }

        if (canUsePlain)
        {
            if (a.BlockPlainAllowed && !(s.Length == 0 && simpleKey))
            {
                sb.Append(s);
                return false;
            }

            if (a.SingleQuotedAllowed)
            {
                WriteSingleQuoted(s, sb);
                return false;
            }
        }

        WriteDoubleQuoted(s, sb);
        return false;
    }

    private static void WriteLiteral(string s, int contentIndent, StringBuilder sb)
    {
        sb.Append('|');
        if (s.Length > 0 && (s[0] == ' ' || ScalarAnalysis.IsBreak(s[0])))
        {
            sb.Append('2');
        }

        if (s.Length == 0 || s[^1] != '\n')
        {
            sb.Append('-');
        }
        else if (s.Length == 1 || ScalarAnalysis.IsBreak(s[^2]))
        {
            sb.Append('+');
        }

        sb.Append('\n');
        var start = 0;
        while (start <= s.Length)
        {
            var nl = s.IndexOf('\n', start);
            var end = nl < 0 ? s.Length : nl;
            if (end > start)
            {
                sb.Append(' ', contentIndent).Append(s, start, end - start);
            }

            if (nl < 0)
            {
                break;
            }

            sb.Append('\n');
            start = nl + 1;
            if (start == s.Length)
            {
                break;
            }
        }

        if (s.Length == 0 || s[^1] != '\n')
        {
            sb.Append('\n');
        }
    }

    private static void WriteSingleQuoted(string s, StringBuilder sb)
    {
        sb.Append('\'');
        foreach (var c in s)
        {
            sb.Append(c);
            if (c == '\'')
            {
                sb.Append('\'');
            }
        }

        sb.Append('\'');
    }

    private static void WriteDoubleQuoted(string s, StringBuilder sb)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            int cp = s[i];
            var w = 1;
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                cp = char.ConvertToUtf32(s[i], s[i + 1]);
                w = 2;
            }

            if (!ScalarAnalysis.IsPrintable(cp) || cp == 0xFEFF || ScalarAnalysis.IsBreak(cp) || cp == '"' || cp == '\\')
            {
                sb.Append('\\');
                switch (cp)
                {
                    case 0x00: sb.Append('0'); break;
                    case 0x07: sb.Append('a'); break;
                    case 0x08: sb.Append('b'); break;
                    case 0x09: sb.Append('t'); break;
                    case 0x0A: sb.Append('n'); break;
                    case 0x0B: sb.Append('v'); break;
                    case 0x0C: sb.Append('f'); break;
                    case 0x0D: sb.Append('r'); break;
                    case 0x1B: sb.Append('e'); break;
                    case 0x22: sb.Append('"'); break;
                    case 0x5C: sb.Append('\\'); break;
                    case 0x85: sb.Append('N'); break;
                    case 0xA0: sb.Append('_'); break;
                    case 0x2028: sb.Append('L'); break;
                    case 0x2029: sb.Append('P'); break;
                    default:
                        if (cp <= 0xFF)
                        {
                            sb.Append('x').Append(cp.ToString("X2", CultureInfo.InvariantCulture));
                        }
                        else if (cp <= 0xFFFF)
                        {
                            sb.Append('u').Append(cp.ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append('U').Append(cp.ToString("X8", CultureInfo.InvariantCulture));
                        }

                        break;
                }
            }
            else
            {
                sb.Append(s, i, w);
            }

            i += w - 1;
        }

        sb.Append('"');
    }
}
