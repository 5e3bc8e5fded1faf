namespace Hull.Oci.Auth;

/// <summary>Matching of registry names as written in config files against normalised registry hosts.</summary>
internal static class RegistryHosts
{
    private static readonly string[] DockerHubAliases = ["index.docker.io", "docker.io", "registry-1.docker.io"];

    /// <summary>
    /// Reduces <c>https://host:port/v1/</c> forms to <c>host:port</c> and Docker Hub's aliases to one name.
    /// </summary>
    public static string Normalise(string configured)
    {
        string s = configured.Trim();
        int scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            s = s[(scheme + 3)..];
        int slash = s.IndexOf('/');
        if (slash >= 0)
            s = s[..slash];
        s = s.ToLowerInvariant();
        return Array.IndexOf(DockerHubAliases, s) >= 0 ? "index.docker.io" : s;
    }

    /// <summary>
    /// The repository part of a configured name such as <c>gcr.io/team/app</c>; null for a bare host or an API
    /// path such as <c>docker.io/v2/</c>.
    /// </summary>
    public static string? RepositoryOf(string configured)
    {
        string s = configured.Trim();
        int scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            s = s[(scheme + 3)..];
        int slash = s.IndexOf('/');
        if (slash < 0)
            return null;
        string path = s[(slash + 1)..].Trim('/');
        if (path.Length == 0 || path is "v1" or "v2" || path.StartsWith("v1/", StringComparison.Ordinal) || path.StartsWith("v2/", StringComparison.Ordinal))
            return null;
        return path;
    }

    /// <summary>True when a configured name (possibly with <c>*</c> globs) designates <paramref name="registry"/>.</summary>
    public static bool Match(string configured, string registry)
    {
        string pattern = Normalise(configured), host = Normalise(registry);
        if (!pattern.Contains('*'))
            return pattern == host;
        return Glob(pattern, host);
    }

    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        // '*' matches within one DNS label, as imgpkg's hostname globs do.
        if (pattern.IsEmpty)
            return text.IsEmpty;
        if (pattern[0] == '*')
        {
            for (int i = 0; i <= text.Length; i++)
            {
                if (Glob(pattern[1..], text[i..]))
                    return true;
                if (i < text.Length && text[i] == '.')
                    break;
            }
            return false;
        }
        return !text.IsEmpty && pattern[0] == text[0] && Glob(pattern[1..], text[1..]);
    }
}
