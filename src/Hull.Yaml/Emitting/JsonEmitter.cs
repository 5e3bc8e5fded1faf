using System.Globalization;
using System.Numerics;
using System.Text;

namespace Hull.Yaml;

/// <summary>ytt's `-o json`: Go's encoding/json of each document (map keys sorted, HTML characters escaped), documents back to back.</summary>
public static class JsonEmitter
{
    /// <summary>Every non-empty, non-injected document as one JSON text, concatenated without separators as ytt prints them.</summary>
    public static string EmitDocuments(IEnumerable<Document> documents)
    {
        var sb = new StringBuilder();
        foreach (var doc in documents)
        {
            if (doc.Injected || doc.IsEmpty)
            {
                continue;
            }

            Write(doc.Value, sb);
        }

        return sb.ToString();
    }

    /// <summary>One value as compact JSON.</summary>
    public static string Emit(object? value)
    {
        var sb = new StringBuilder();
        Write(value, sb);
        return sb.ToString();
    }

    /// <summary>Appends one value as compact JSON.</summary>
    /// <exception cref="YamlException">NaN or infinity, which JSON cannot hold.</exception>
    public static void Write(object? value, StringBuilder sb)
    {
        NestingLimit.EnsureStack();
        switch (value)
        {
            case Document d:
                Write(d.Value, sb);
                break;
            case Map m:
                {
                    // Go converts to map[string]interface{}: later duplicates win, keys sorted by bytes.
                    var byKey = new Dictionary<string, object?>(m.Items.Count, StringComparer.Ordinal);
                    foreach (var item in m.Items)
                    {
                        byKey[GoFormat.PercentS(item.Key)] = item.Value;
                    }

                    var keys = byKey.Keys.ToArray();
                    System.Array.Sort(keys, CompareUtf8);
                    sb.Append('{');
                    for (var i = 0; i < keys.Length; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append(',');
                        }

                        WriteString(keys[i], sb);
                        sb.Append(':');
                        Write(byKey[keys[i]], sb);
                    }

                    sb.Append('}');
                    break;
                }

            case YamlArray a:
                sb.Append('[');
                for (var i = 0; i < a.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(a.Items[i].Value, sb);
                }

                sb.Append(']');
                break;
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case string s:
                WriteString(s, sb);
                break;
            case long or int or ulong:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case BigInteger bi:
                sb.Append(bi.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d))
                {
                    throw new YamlException("json: unsupported value: " + GoFloat.FormatG(d));
                }

                sb.Append(GoFloat.FormatJson(d));
                break;
            default:
                throw new YamlException("json: unsupported type: " + value.GetType().Name);
        }
    }

    /// <summary>Ordinal comparison of the UTF-8 encodings, as Go sorts map keys.</summary>
    public static int CompareUtf8(string? a, string? b)
    {
        // UTF-16 ordinal order differs from UTF-8 byte order only for surrogates vs U+E000..U+FFFF.
        var sa = a ?? "";
        var sb = b ?? "";
        var n = Math.Min(sa.Length, sb.Length);
        for (var i = 0; i < n; i++)
        {
            var ca = sa[i];
            var cb = sb[i];
            if (ca == cb)
            {
                continue;
            }

            var sur = char.IsSurrogate(ca);
            if (sur != char.IsSurrogate(cb) && (ca >= 0xE000 || cb >= 0xE000))
            {
                return sur ? 1 : -1;
            }

            return ca < cb ? -1 : 1;
        }

        return sa.Length.CompareTo(sb.Length);
    }

    /// <summary>A JSON string as Go writes it: &lt;, &gt;, &amp;, U+2028 and U+2029 escaped.</summary>
    public static void WriteString(string s, StringBuilder sb)
    {
        const string hex = "0123456789abcdef";
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u00").Append(hex[c >> 4]).Append(hex[c & 0xF]);
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
