using System.Collections;

namespace Hull.Oci.Auth;

/// <summary>
/// imgpkg's environment variables: <c>IMGPKG_REGISTRY_HOSTNAME</c>, <c>_USERNAME</c>, <c>_PASSWORD</c>,
/// <c>_IDENTITY_TOKEN</c>, <c>_REGISTRY_TOKEN</c>, and the same with a <c>_N</c> suffix for more registries.
/// A hostname may carry a scheme and <c>/v2/</c> path, <c>*</c> globs within DNS labels, or a repository
/// (<c>gcr.io/team/app</c>); exact hosts win over globs, and a matching repository wins over both.
/// </summary>
public sealed class EnvironmentCredentials : ICredentialSource
{
    private const string Prefix = "IMGPKG_REGISTRY_";
    private readonly List<(string Host, string? Repository, Credential Credential)> _entries = [];

    /// <summary>Reads the sets from <paramref name="variables"/> (name to value).</summary>
    public EnvironmentCredentials(IReadOnlyDictionary<string, string> variables)
    {
        var suffixes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string name in variables.Keys)
        {
            if (!name.StartsWith(Prefix + "HOSTNAME", StringComparison.Ordinal))
                continue;
            suffixes.Add(name[(Prefix.Length + "HOSTNAME".Length)..]);
        }
        foreach (string suffix in suffixes)
        {
            if (suffix.Length > 0 && (suffix[0] != '_' || suffix.Length == 1))
                continue;
            string? Get(string key) => variables.TryGetValue(Prefix + key + suffix, out string? v) && v.Length > 0 ? v : null;
            string? host = Get("HOSTNAME");
            if (host is null)
                continue;
            var credential = new Credential
            {
                Username = Get("USERNAME"),
                Password = Get("PASSWORD"),
                IdentityToken = Get("IDENTITY_TOKEN"),
                RegistryToken = Get("REGISTRY_TOKEN"),
            };
            foreach (string h in host.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                _entries.Add((h, RegistryHosts.RepositoryOf(h), credential));
        }
    }

    /// <summary>Reads the current process's environment.</summary>
    public static EnvironmentCredentials FromProcess()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && key.StartsWith(Prefix, StringComparison.Ordinal) && entry.Value is string value)
                map[key] = value;
        }
        return new EnvironmentCredentials(map);
    }

    /// <inheritdoc />
    public ValueTask<Credential?> GetAsync(string registry, CancellationToken cancellationToken = default) =>
        GetAsync(registry, null, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Credential?> GetAsync(string registry, string? repository, CancellationToken cancellationToken = default)
    {
        Credential? exact = null, glob = null, scoped = null;
        foreach (var (host, repo, credential) in _entries)
        {
            if (!RegistryHosts.Match(host, registry))
                continue;
            if (repo is not null)
            {
                if (scoped is null && repository is not null && (repository == repo || repository.StartsWith(repo + "/", StringComparison.Ordinal)))
                    scoped = credential;
            }
            else if (host.Contains('*'))
                glob ??= credential;
            else
                exact ??= credential;
        }
        return ValueTask.FromResult(scoped ?? exact ?? glob);
    }
}
