using System.Globalization;
using System.Numerics;
using System.Text;
using Hull.Templating.Values;
using Tomlyn;
using Tomlyn.Parsing;

namespace Hull.Templating.Encoders;

/// <summary>TOML as ytt's toml.encode writes it (BurntSushi layout: sorted keys, plain keys before tables, indented tables) and decoding via Tomlyn.</summary>
public static class TomlEncoding
{
    /// <summary>Encodes a plain map; <paramref name="indent"/> spaces per table level (2 when 0).</summary>
    public static string Encode(object? value, int indent = 0)
    {
        if (value is not PlainMap map) throw new TemplateException("toml: top-level values must be Go maps or structs");
        var w = new Writer(new string(' ', indent > 0 ? indent : 2));
        w.Map([], map);
        return w.Result;
    }

    private sealed class Writer(string indent)
    {
        private readonly StringBuilder _sb = new();
        public string Result => _sb.ToString();

        private void NewLine()
        {
            if (_sb.Length > 0) _sb.Append('\n');
        }

        private string Indent(List<string> key) => string.Concat(Enumerable.Repeat(indent, Math.Max(0, key.Count - 1)));

        public void Map(List<string> key, PlainMap map)
        {
            WalkDepth.Check(key.Count + 1, "encode as TOML");
            var direct = new List<(string K, object? V)>();
            var sub = new List<(string K, object? V)>();
            foreach (var e in map)
            {
                string k = Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "";
                if (e.Value is null) continue;
                (IsTable(e.Value) ? sub : direct).Add((k, e.Value));
            }
            direct.Sort((a, b) => string.CompareOrdinal(a.K, b.K));
            sub.Sort((a, b) => string.CompareOrdinal(a.K, b.K));
            foreach (var (k, v) in direct.Concat(sub))
            {
                var child = new List<string>(key) { k };
                Encode(child, v);
            }
        }

        private static bool IsTable(object? v) =>
            v is PlainMap || (v is List<object?> l && l.Count > 0 && l.All(x => x is PlainMap));

        private void Encode(List<string> key, object? v)
        {
            if (v is List<object?> l && l.Count > 0 && l.All(x => x is PlainMap))
            {
                foreach (var item in l)
                {
                    NewLine();
                    _sb.Append(Indent(key)).Append("[[").Append(KeyPath(key)).Append("]]");
                    NewLine();
                    Map(key, (PlainMap)item!);
                }
                return;
            }
            if (v is PlainMap m)
            {
                if (key.Count == 1) NewLine();
                _sb.Append(Indent(key)).Append('[').Append(KeyPath(key)).Append(']');
                NewLine();
                Map(key, m);
                return;
            }
            _sb.Append(Indent(key)).Append(QuoteKey(key[^1])).Append(" = ");
            Element(v, key.Count + 1);
            NewLine();
        }

        private static string KeyPath(List<string> key) => string.Join(".", key.Select(QuoteKey));

        private static string QuoteKey(string k) =>
            k.Length > 0 && k.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? k : Quote(k);

        private void Element(object? v, int depth)
        {
            if (v is List<object?> or PlainMap) WalkDepth.Check(depth, "encode as TOML");
            switch (v)
            {
                case bool b: _sb.Append(b ? "true" : "false"); break;
                case long or int or BigInteger: _sb.Append(Convert.ToString(v, CultureInfo.InvariantCulture)); break;
                case double d:
                    {
                        string s = Hull.Yaml.GoFloat.FormatF(d);
                        if (!s.Contains('.') && !s.Contains('e') && !s.Contains("Inf", StringComparison.Ordinal) && s != "NaN") s += ".0";
                        _sb.Append(s);
                        break;
                    }
                case string s: _sb.Append(Quote(s)); break;
                case List<object?> list:
                    _sb.Append('[');
                    for (int i = 0; i < list.Count; i++)
                    {
                        if (i > 0) _sb.Append(", ");
                        Element(list[i], depth + 1);
                    }
                    _sb.Append(']');
                    break;
                case PlainMap m:
                    _sb.Append('{');
                    var keys = m.Where(e => e.Value is not null).OrderBy(e => Convert.ToString(e.Key, CultureInfo.InvariantCulture), StringComparer.Ordinal).ToList();
                    for (int i = 0; i < keys.Count; i++)
                    {
                        if (i > 0) _sb.Append(", ");
                        _sb.Append(QuoteKey(Convert.ToString(keys[i].Key, CultureInfo.InvariantCulture) ?? "")).Append(" = ");
                        Element(keys[i].Value, depth + 1);
                    }
                    _sb.Append('}');
                    break;
                default: throw new TemplateException($"toml: unsupported type {v?.GetType().Name ?? "nil"}");
            }
        }

        private static string Quote(string s)
        {
            var sb = new StringBuilder("\"");
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    default:
                        if (c < 0x20 || c == 0x7f) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }
    }

    /// <summary>Decodes TOML text into plain values, keeping key order.</summary>
    public static object? Decode(string text)
    {
        var parser = TomlParser.Create(text, (TomlSerializerOptions?)null);
        var stack = new Stack<object>();
        var keys = new Stack<string?>();
        string? pending = null;
        object? root = null;

        void Add(object? value)
        {
            if (stack.Count == 0)
            {
                root = value;
                return;
            }
            switch (stack.Peek())
            {
                case PlainMap m:
                    m.Set(pending ?? "", value);
                    break;
                case List<object?> l:
                    l.Add(value);
                    break;
            }
            pending = null;
        }

        while (parser.MoveNext())
        {
            var ev = parser.Current;
            switch (ev.Kind)
            {
                case TomlParseEventKind.StartTable:
                    {
                        var m = new PlainMap();
                        Add(m);
                        keys.Push(pending);
                        stack.Push(m);
                        pending = null;
                        break;
                    }
                case TomlParseEventKind.StartArray:
                    {
                        var l = new List<object?>();
                        Add(l);
                        keys.Push(pending);
                        stack.Push(l);
                        pending = null;
                        break;
                    }
                case TomlParseEventKind.EndTable:
                case TomlParseEventKind.EndArray:
                    stack.Pop();
                    keys.Pop();
                    break;
                case TomlParseEventKind.PropertyName:
                    pending = parser.GetPropertyName();
                    break;
                case TomlParseEventKind.String: Add(parser.GetString()); break;
                case TomlParseEventKind.Integer: Add(ev.GetInt64()); break;
                case TomlParseEventKind.Float: Add(ev.GetDouble()); break;
                case TomlParseEventKind.Boolean: Add(ev.GetBoolean()); break;
                case TomlParseEventKind.DateTime: Add(ev.GetTomlDateTime().ToString()); break;
            }
        }
        if (parser.HasErrors)
        {
            throw new TemplateException(string.Join("; ", parser.Diagnostics.Select(d => d.ToString())));
        }
        return root ?? new PlainMap();
    }
}
