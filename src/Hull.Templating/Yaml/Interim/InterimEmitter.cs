using System.Globalization;
using System.Numerics;
using System.Text;
using Hull.Templating.Encoders;

namespace Hull.Templating.Yaml.Interim;

/// <summary>Writes YAML as go-yaml v2 (and so ytt) does: 2-space indent, sequences flush under keys, go-yaml's quoting.</summary>
internal static class InterimEmitter
{
    public static string Documents(IEnumerable<object> docs)
    {
        var sb = new StringBuilder();
        bool first = true;
        foreach (var d in docs)
        {
            // ytt leaves out documents without content: null, {} and [].
            if (d is IDoc doc && doc.Value is null or IMap { Items.Count: 0 } or IArray { Items.Count: 0 }) continue;
            if (!first) sb.Append("---\n");
            first = false;
            Value(sb, d is IDoc dd ? dd.Value : d, 0);
        }
        return sb.ToString();
    }

    /// <summary>One value as a whole YAML text (yaml.encode).</summary>
    public static string Encode(object? v)
    {
        if (v is IDocSet ds)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < ds.Items.Count; i++)
            {
                if (i > 0) sb.Append("---\n");
                Value(sb, ((IDoc)ds.Items[i]).Value, 0);
            }
            return sb.ToString();
        }
        var one = new StringBuilder();
        Value(one, v, 0);
        return one.ToString();
    }

    // Writes a value that starts at the current position (after "key:" or "- " or at document start) and ends with a newline.
    private static void Value(StringBuilder sb, object? v, int indent)
    {
        switch (v)
        {
            case IMap m when m.Items.Count > 0:
                for (int i = 0; i < m.Items.Count; i++)
                {
                    if (i > 0) sb.Append(' ', indent);
                    MapItem(sb, (IMapItem)m.Items[i], indent);
                }
                break;
            case IArray a when a.Items.Count > 0:
                for (int i = 0; i < a.Items.Count; i++)
                {
                    if (i > 0) sb.Append(' ', indent);
                    sb.Append("- ");
                    Value(sb, ((IArrayItem)a.Items[i]).Value, indent + 2);
                }
                break;
            case IMap:
                sb.Append("{}\n");
                break;
            case IArray:
                sb.Append("[]\n");
                break;
            case IDocSet ds:
                Value(sb, ds.Items.Count > 0 ? ((IDoc)ds.Items[0]).Value : null, indent);
                break;
            case IValueNode vn:
                Value(sb, vn.Value, indent);
                break;
            default:
                Scalar(sb, v, indent);
                break;
        }
    }

    private static void MapItem(StringBuilder sb, IMapItem item, int indent)
    {
        Key(sb, item.Key);
        sb.Append(':');
        switch (item.Value)
        {
            case IMap m when m.Items.Count > 0:
                sb.Append('\n').Append(' ', indent + 2);
                Value(sb, m, indent + 2);
                break;
            case IArray a when a.Items.Count > 0:
                sb.Append('\n').Append(' ', indent);
                Value(sb, a, indent);
                break;
            default:
                sb.Append(' ');
                Value(sb, item.Value, indent);
                break;
        }
    }

    private static void Key(StringBuilder sb, object? key)
    {
        if (key is string s && s.Contains('\n')) { DoubleQuoted(sb, s); return; }
        var tmp = new StringBuilder();
        Scalar(tmp, key, 0);
        sb.Append(tmp.ToString().TrimEnd('\n'));
    }

    private static void Scalar(StringBuilder sb, object? v, int indent)
    {
        switch (v)
        {
            case null: sb.Append("null\n"); return;
            case bool b: sb.Append(b ? "true\n" : "false\n"); return;
            case long or int or BigInteger: sb.Append(Convert.ToString(v, CultureInfo.InvariantCulture)).Append('\n'); return;
            case double d: sb.Append(Float(d)).Append('\n'); return;
            case string s: String(sb, s, indent); return;
            default: String(sb, v.ToString() ?? "", indent); return;
        }
    }

    public static string Float(double d)
    {
        if (double.IsPositiveInfinity(d)) return ".inf";
        if (double.IsNegativeInfinity(d)) return "-.inf";
        if (double.IsNaN(d)) return ".nan";
        return GoFloat.FormatG(d);
    }

    private static void String(StringBuilder sb, string s, int indent)
    {
        if (s.Contains('\n') && BlockAllowed(s))
        {
            Literal(sb, s, indent);
            return;
        }
        if (s.Contains('\n') || HasSpecial(s))
        {
            DoubleQuoted(sb, s);
            sb.Append('\n');
            return;
        }
        if (!GoYamlScalars.ResolvesToNonString(s) && PlainAllowed(s))
        {
            sb.Append(s).Append('\n');
            return;
        }
        if (GoYamlScalars.ResolvesToNonString(s))
        {
            DoubleQuoted(sb, s);
            sb.Append('\n');
            return;
        }
        sb.Append('\'').Append(s.Replace("'", "''", StringComparison.Ordinal)).Append("'\n");
    }

    private static bool HasSpecial(string s)
    {
        foreach (char c in s)
        {
            if (c == '\n') continue;
            if (c < 0x20 || c == 0x7f || c == '\uFEFF' || (c >= 0x80 && c < 0xA0 && c != 0x85)) return true;
        }
        return false;
    }

    private static bool BlockAllowed(string s)
    {
        if (HasSpecial(s)) return false;
        foreach (var line in s.Split('\n'))
        {
            if (line.EndsWith(' ')) return false;
        }
        return !s.StartsWith(' ') && !s.StartsWith('\n');
    }

    private static void Literal(StringBuilder sb, string s, int indent)
    {
        string chomp = s.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : s.EndsWith('\n') ? "" : "-";
        sb.Append('|').Append(chomp).Append('\n');
        string body = s.EndsWith('\n') ? s[..^1] : s;
        int ind = indent + 2;
        foreach (var line in body.Split('\n'))
        {
            if (line.Length > 0) sb.Append(' ', ind).Append(line);
            sb.Append('\n');
        }
    }

    private static bool PlainAllowed(string s)
    {
        if (s.Length == 0) return false;
        if (s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal)) return false;
        char f = s[0];
        if ("#,[]{}&*!|>'\"%@`".Contains(f)) return false;
        if ((f is '-' or '?' or ':') && (s.Length == 1 || s[1] == ' ')) return false;
        if (f == ' ' || s[^1] == ' ') return false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == ':' && (i + 1 == s.Length || s[i + 1] == ' ')) return false;
            if (c == '#' && i > 0 && s[i - 1] == ' ') return false;
        }
        return true;
    }

    private static void DoubleQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
