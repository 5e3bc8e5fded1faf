using System.Globalization;
using System.Text;
using Hull.Starlark.Values;
using Hull.Templating.Values;

namespace Hull.Templating.Modules;

/// <summary>`@ytt:url`: Go net/url escaping rules, query params and parsed URL values.</summary>
public static class UrlModule
{
    /// <summary>The module.</summary>
    public static ModuleValue Create() => HostFunction.Module("url",
        HostFunction.Create("url.path_segment_encode", a => { a.Exactly(1); return StringValue.Of(Escape(a.String(0), query: false)); }),
        HostFunction.Create("url.path_segment_decode", a => { a.Exactly(1); return StringValue.Of(Unescape(a.String(0), query: false)); }),
        HostFunction.Create("url.query_param_value_encode", a => { a.Exactly(1); return StringValue.Of(Escape(a.String(0), query: true)); }),
        HostFunction.Create("url.query_param_value_decode", a => { a.Exactly(1); return StringValue.Of(Unescape(a.String(0), query: true)); }),
        HostFunction.Create("url.query_params_encode", a =>
        {
            a.Exactly(1);
            if (a.Positional[0] is not DictValue d) throw new HostError($"expected argument to be a dict, but was {a.Positional[0].Type}");
            var entries = new List<(string K, List<string> V)>();
            foreach (var k in d.Iterate())
            {
                var vals = new List<string>();
                if (d.Get(k) is IIterable it)
                {
                    foreach (var v in it.Iterate()) vals.Add(v is StringValue s ? s.Value : throw new HostError("expected values to be strings"));
                }
                entries.Add((k is StringValue ks ? ks.Value : throw new HostError("expected keys to be strings"), vals));
            }
            entries.Sort((x, y) => string.CompareOrdinal(x.K, y.K));
            var sb = new StringBuilder();
            foreach (var (k, vals) in entries)
            {
                foreach (var v in vals)
                {
                    if (sb.Length > 0) sb.Append('&');
                    sb.Append(Escape(k, true)).Append('=').Append(Escape(v, true));
                }
            }
            return StringValue.Of(sb.ToString());
        }),
        HostFunction.Create("url.query_params_decode", a =>
        {
            a.Exactly(1);
            var map = new SortedDictionary<string, List<Value>>(StringComparer.Ordinal);
            foreach (var part in a.String(0).Split('&', ';'))
            {
                if (part.Length == 0) continue;
                int eq = part.IndexOf('=', StringComparison.Ordinal);
                string k = Unescape(eq >= 0 ? part[..eq] : part, true);
                string v = eq >= 0 ? Unescape(part[(eq + 1)..], true) : "";
                if (!map.TryGetValue(k, out var list)) map[k] = list = [];
                list.Add(StringValue.Of(v));
            }
            var d = new DictValue();
            foreach (var kv in map) d.Set(kv.Key, new ListValue(kv.Value));
            return d;
        }),
        HostFunction.Create("url.parse", a =>
        {
            a.Exactly(1);
            return UrlValue.Parse(a.String(0));
        }));

    /// <summary>Go's url.PathEscape (query=false) or url.QueryEscape (query=true).</summary>
    public static string Escape(string s, bool query)
    {
        var sb = new StringBuilder();
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(s))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') sb.Append(c);
            else if (!query && c is '$' or '&' or '+' or '=' or ':' or '@') sb.Append(c);
            else if (query && c == ' ') sb.Append('+');
            else sb.Append('%').Append(((int)b).ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Go's url.PathUnescape / QueryUnescape.</summary>
    public static string Unescape(string s, bool query)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !Uri.IsHexDigit(s[i + 1]) || !Uri.IsHexDigit(s[i + 2]))
                {
                    string bad = s.Substring(i, Math.Min(3, s.Length - i));
                    throw new HostError($"invalid URL escape \"{bad}\"");
                }
                bytes.Add(byte.Parse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (c == '+' && query) bytes.Add((byte)' ');
            else bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(c.ToString()));
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }
}

/// <summary>A parsed URL (`@ytt:url.value`).</summary>
public sealed class UrlValue : Value, IHasAttributes, IExplicitlyEncoded
{
    private readonly string _scheme, _host, _rest;
    private readonly UrlUserValue? _user;

    private UrlValue(string scheme, UrlUserValue? user, string host, string rest)
    {
        _scheme = scheme;
        _user = user;
        _host = host;
        _rest = rest;
    }

    /// <summary>Parses scheme://[user[:password]@]host[:port][/path][?query][#fragment].</summary>
    public static UrlValue Parse(string s)
    {
        int se = s.IndexOf("://", StringComparison.Ordinal);
        if (se < 0) return new UrlValue("", null, "", s);
        string scheme = s[..se];
        string after = s[(se + 3)..];
        int end = after.IndexOfAny(['/', '?', '#']);
        string authority = end < 0 ? after : after[..end];
        string rest = end < 0 ? "" : after[end..];
        UrlUserValue? user = null;
        int at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            string ui = authority[..at];
            authority = authority[(at + 1)..];
            int colon = ui.IndexOf(':', StringComparison.Ordinal);
            user = colon >= 0
                ? new UrlUserValue(UrlModule.Unescape(ui[..colon], false), UrlModule.Unescape(ui[(colon + 1)..], false))
                : new UrlUserValue(UrlModule.Unescape(ui, false), null);
        }
        return new UrlValue(scheme, user, authority, rest);
    }

    /// <inheritdoc/>
    public string EncodingName => "@ytt:url.value";

    /// <inheritdoc/>
    public override string Type => "@ytt:url.value";

    /// <summary>The URL text.</summary>
    public string Text => _scheme.Length == 0 ? _rest : $"{_scheme}://{(_user is null ? "" : _user.Text + "@")}{_host}{_rest}";

    /// <inheritdoc/>
    public IEnumerable<string> AttrNames => ["user", "hostname", "string", "without_user"];

    /// <inheritdoc/>
    public Value? GetAttr(string name) => name switch
    {
        "user" => (Value?)_user ?? NoneValue.None,
        "hostname" => HostFunction.Create("url.hostname", a => { a.Exactly(0); return StringValue.Of(Hostname()); }),
        "string" => HostFunction.Create("url.string", a => { a.Exactly(0); return StringValue.Of(Text); }),
        "without_user" => HostFunction.Create("url.without_user", a => { a.Exactly(0); return new UrlValue(_scheme, null, _host, _rest); }),
        _ => null,
    };

    private string Hostname()
    {
        if (_host.StartsWith('['))
        {
            int close = _host.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? _host[1..close] : _host;
        }
        int colon = _host.LastIndexOf(':');
        return colon >= 0 ? _host[..colon] : _host;
    }
}

/// <summary>The user part of a URL (`@ytt:url.user`).</summary>
public sealed class UrlUserValue(string name, string? password) : Value, IHasAttributes, IExplicitlyEncoded
{
    /// <inheritdoc/>
    public string EncodingName => "@ytt:url.user";

    /// <inheritdoc/>
    public override string Type => "@ytt:url.user";

    /// <summary>`name[:password]`, escaped as Go does.</summary>
    public string Text => password is null ? UrlModule.Escape(name, false) : UrlModule.Escape(name, false) + ":" + UrlModule.Escape(password, false);

    /// <inheritdoc/>
    public IEnumerable<string> AttrNames => ["name", "password", "string"];

    /// <inheritdoc/>
    public Value? GetAttr(string attr) => attr switch
    {
        "name" => StringValue.Of(name),
        "password" => password is null ? NoneValue.None : StringValue.Of(password),
        "string" => HostFunction.Create("user.string", a => { a.Exactly(0); return StringValue.Of(Text); }),
        _ => null,
    };
}
