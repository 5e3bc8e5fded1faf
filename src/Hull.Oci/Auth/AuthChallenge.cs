namespace Hull.Oci.Auth;

/// <summary>A parsed <c>WWW-Authenticate</c> challenge, e.g. <c>Bearer realm="…",service="…",scope="…"</c>.</summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The token endpoint of a bearer challenge.</summary>
    public string? Realm => Parameters.GetValueOrDefault("realm");

    /// <summary>The service name to ask the token endpoint for.</summary>
    public string? Service => Parameters.GetValueOrDefault("service");

    /// <summary>The scope the registry asked for, if any.</summary>
    public string? Scope => Parameters.GetValueOrDefault("scope");

    /// <summary>True for the Bearer scheme.</summary>
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the Basic scheme.</summary>
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses one challenge: a scheme then comma-separated <c>key=value</c> or <c>key="quoted"</c> pairs.</summary>
    public static AuthChallenge? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return null;
        ReadOnlySpan<char> s = header.AsSpan().Trim();
        int space = s.IndexOfAny(' ', '\t');
        string scheme = (space < 0 ? s : s[..space]).ToString();
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (space < 0)
            return new AuthChallenge(scheme, parameters);
        s = s[space..];
        while (true)
        {
            s = s.TrimStart(" \t,");
            if (s.IsEmpty)
                break;
            int eq = s.IndexOf('=');
            if (eq <= 0)
                break;
            string key = s[..eq].Trim().ToString();
            s = s[(eq + 1)..].TrimStart();
            string value;
            if (!s.IsEmpty && s[0] == '"')
            {
                var sb = new System.Text.StringBuilder();
                int i = 1;
                for (; i < s.Length && s[i] != '"'; i++)
                {
                    if (s[i] == '\\' && i + 1 < s.Length)
                        i++;
                    sb.Append(s[i]);
                }
                value = sb.ToString();
                s = i < s.Length ? s[(i + 1)..] : [];
            }
            else
            {
                int comma = s.IndexOf(',');
                value = (comma < 0 ? s : s[..comma]).Trim().ToString();
                s = comma < 0 ? [] : s[comma..];
            }
            parameters[key] = value;
        }
        return new AuthChallenge(scheme, parameters);
    }
}
