using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Hull.Starlark.Values;
using System.Text;
using Hull.Templating.Values;
using Hull.Yaml;

namespace Hull.Templating.Encoders;

/// <summary>JSON as Go's encoding/json writes it (sorted map keys, HTML-safe escapes) and a decoder with Go's error texts.</summary>
public static class JsonEncoding
{
    /// <summary>Encodes a plain value; <paramref name="indent"/> &gt; 0 pretty-prints with that many spaces.</summary>
    public static string Encode(object? value, int indent = 0)
    {
        var sb = new StringBuilder();
        Write(sb, value, indent, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? v, int indent, int depth)
    {
        switch (v)
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case int i: sb.Append(i.ToString(CultureInfo.InvariantCulture)); break;
            case BigInteger bi: sb.Append(bi.ToString(CultureInfo.InvariantCulture)); break;
            case double d: sb.Append(GoFloat.FormatJson(d)); break;
            case string s: WriteString(sb, s); break;
            case PlainMap m:
                {
                    WalkDepth.Check(depth + 1, "encode as JSON");
                    if (m.Count == 0) { sb.Append("{}"); break; }
                    // Go marshals a map[string]interface{}: keys as %s prints them, sorted by their UTF-8 bytes.
                    var entries = m.Select(e => (Key: GoFormat.PercentS(e.Key), e.Value)).OrderBy(e => e.Key, Comparer<string>.Create(JsonEmitter.CompareUtf8)).ToList();
                    sb.Append('{');
                    for (int i = 0; i < entries.Count; i++)
                    {
                        if (i > 0) sb.Append(',');
                        NewLine(sb, indent, depth + 1);
                        WriteString(sb, entries[i].Key);
                        sb.Append(indent > 0 ? ": " : ":");
                        Write(sb, entries[i].Value, indent, depth + 1);
                    }
                    NewLine(sb, indent, depth);
                    sb.Append('}');
                    break;
                }
            case List<object?> list:
                {
                    WalkDepth.Check(depth + 1, "encode as JSON");
                    if (list.Count == 0) { sb.Append("[]"); break; }
                    sb.Append('[');
                    for (int i = 0; i < list.Count; i++)
                    {
                        if (i > 0) sb.Append(',');
                        NewLine(sb, indent, depth + 1);
                        Write(sb, list[i], indent, depth + 1);
                    }
                    NewLine(sb, indent, depth);
                    sb.Append(']');
                    break;
                }
            default: throw new TemplateException($"json: unsupported type: {v.GetType().Name}");
        }
    }

    private static void NewLine(StringBuilder sb, int indent, int depth)
    {
        if (indent <= 0) return;
        sb.Append('\n').Append(' ', indent * depth);
    }

    /// <summary>Writes a Go-escaped JSON string.</summary>
    public static void WriteString(StringBuilder sb, string s) => JsonEmitter.WriteString(s, sb);

    /// <summary>Decodes JSON into plain values (objects keep key order; integral numbers become long).</summary>
    public static object? Decode(string text)
    {
        var p = new Reader(text);
        p.SkipWs();
        if (p.AtEnd) throw new TemplateException("unexpected end of JSON input");
        var v = p.Value();
        p.SkipWs();
        if (!p.AtEnd) throw new TemplateException($"invalid character {Quote(p.Peek)} after top-level value");
        return v;
    }

    private static string Quote(char c) => c switch
    {
        '\'' => "'\\''",
        '"' => "'\"'",
        _ when c < 0x20 => "'\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture) + "'",
        _ => "'" + c + "'",
    };

    private sealed class Reader(string s)
    {
        private int _i;
        private int _depth;

        public bool AtEnd => _i >= s.Length;
        public char Peek => s[_i];

        public void SkipWs()
        {
            while (_i < s.Length && s[_i] is ' ' or '\t' or '\n' or '\r') _i++;
        }

        private Exception Unexpected(string context) =>
            AtEnd ? new TemplateException("unexpected end of JSON input") : new TemplateException($"invalid character {Quote(s[_i])} {context}");

        public object? Value()
        {
            SkipWs();
            if (AtEnd) throw Unexpected("looking for beginning of value");
            char c = s[_i];
            switch (c)
            {
                case '{' or '[':
                    // Go's decoder stops at 10,000 levels with this message; Hull's values stop at 1,000.
                    if (_depth >= ValueDepth.MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
                        throw new TemplateException($"invalid character {Quote(c)} exceeded max depth");
                    _depth++;
                    var nested = c == '{' ? (object)Object() : Array();
                    _depth--;
                    return nested;
                case '"': return Str();
                case 't': return Lit("true", true);
                case 'f': return Lit("false", false);
                case 'n': return Lit("null", null);
                default:
                    if (c == '-' || char.IsAsciiDigit(c)) return Number();
                    throw Unexpected("looking for beginning of value");
            }
        }

        private object? Lit(string word, object? val)
        {
            for (int k = 0; k < word.Length; k++)
            {
                if (_i >= s.Length) throw new TemplateException("unexpected end of JSON input");
                if (s[_i] != word[k]) throw new TemplateException($"invalid character {Quote(s[_i])} in literal {word} (expecting {Quote(word[k])})");
                _i++;
            }
            return val;
        }

        private object Number()
        {
            int start = _i;
            if (s[_i] == '-') _i++;
            while (_i < s.Length && (char.IsAsciiDigit(s[_i]) || s[_i] is '.' or 'e' or 'E' or '+' or '-')) _i++;
            string t = s[start.._i];
            if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
            if (BigInteger.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bi) && !t.Contains('.') && !t.Contains('e') && !t.Contains('E')) return bi;
            if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
            throw new TemplateException($"invalid number literal {t}");
        }

        private string Str()
        {
            _i++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_i >= s.Length) throw new TemplateException("unexpected end of JSON input");
                char c = s[_i++];
                if (c == '"') return sb.ToString();
                if (c < 0x20) throw new TemplateException($"invalid character {Quote(c)} in string literal");
                if (c != '\\') { sb.Append(c); continue; }
                if (_i >= s.Length) throw new TemplateException("unexpected end of JSON input");
                char e = s[_i++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_i + 4 > s.Length) throw new TemplateException("unexpected end of JSON input");
                        sb.Append((char)int.Parse(s.AsSpan(_i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _i += 4;
                        break;
                    default: throw new TemplateException($"invalid character {Quote(e)} in string escape code");
                }
            }
        }

        private PlainMap Object()
        {
            _i++;
            var m = new PlainMap();
            SkipWs();
            if (!AtEnd && s[_i] == '}') { _i++; return m; }
            while (true)
            {
                SkipWs();
                if (AtEnd || s[_i] != '"') throw Unexpected("looking for beginning of object key string");
                string k = Str();
                SkipWs();
                if (AtEnd || s[_i] != ':') throw Unexpected("after object key");
                _i++;
                m.Set(k, Value());
                SkipWs();
                if (AtEnd) throw new TemplateException("unexpected end of JSON input");
                if (s[_i] == ',') { _i++; continue; }
                if (s[_i] == '}') { _i++; return m; }
                throw Unexpected("after object key:value pair");
            }
        }

        private List<object?> Array()
        {
            _i++;
            var list = new List<object?>();
            SkipWs();
            if (!AtEnd && s[_i] == ']') { _i++; return list; }
            while (true)
            {
                list.Add(Value());
                SkipWs();
                if (AtEnd) throw new TemplateException("unexpected end of JSON input");
                if (s[_i] == ',') { _i++; continue; }
                if (s[_i] == ']') { _i++; return list; }
                throw Unexpected("after array element");
            }
        }
    }
}
