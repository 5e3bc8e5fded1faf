using Hull.Packaging.Installing;
using Hull.Yaml;

namespace Hull.Packaging.Cluster;

/// <summary>
/// The connection a kubeconfig's current context describes, as kubectl reads it: the server, its CA
/// (<c>certificate-authority</c> file or <c>-data</c>, or <c>insecure-skip-tls-verify</c>), and the user's bearer token
/// (<c>token</c>, <c>tokenFile</c>) or client certificate and key (files or <c>-data</c>); the context's namespace.
/// </summary>
public sealed record Kubeconfig
{
    /// <summary>The API server's URL.</summary>
    public required Uri Server { get; init; }

    /// <summary>The CA certificates (PEM) the server's certificate must chain to; null: the system's.</summary>
    public string? CertificateAuthorityPem { get; init; }

    /// <summary>Whether the server's certificate is not checked.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The bearer token.</summary>
    public string? Token { get; init; }

    /// <summary>The client certificate (PEM).</summary>
    public string? ClientCertificatePem { get; init; }

    /// <summary>The client certificate's key (PEM).</summary>
    public string? ClientKeyPem { get; init; }

    /// <summary>The current context's namespace, if it names one.</summary>
    public string? Namespace { get; init; }

    /// <summary>The file it was read from.</summary>
    public required string Path { get; init; }

    /// <summary>The kubeconfig to use: the option, else $KUBECONFIG (its first file), else ~/.kube/config.</summary>
    public static string DefaultPath(string? option)
    {
        if (option is { Length: > 0 })
        {
            return option;
        }
        if (Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } env)
        {
            return env.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)[0];
        }
        return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }

    /// <summary>Reads <paramref name="path"/>; relative file references are relative to its folder, as kubectl resolves them.</summary>
    public static Kubeconfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InstallException($"kubeconfig '{path}': no such file (give --kubeconfig or set KUBECONFIG)");
        }
        Map root;
        try
        {
            var set = YamlParser.Parse(File.ReadAllText(path), path, new YamlParseOptions { WithoutComments = true });
            root = set.Items.FirstOrDefault(d => !d.IsEmpty)?.Value as Map ?? throw new InstallException($"kubeconfig '{path}': not a kubeconfig (expected a map)");
        }
        catch (YamlException e)
        {
            throw new InstallException($"kubeconfig '{path}': {e.Message}", e);
        }
        string dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        string contextName = Text(root, "current-context") ?? throw new InstallException($"kubeconfig '{path}': no current-context");
        var context = Named(root, "contexts", "context", contextName, path);
        string clusterName = Text(context, "cluster") ?? throw new InstallException($"kubeconfig '{path}': context '{contextName}' names no cluster");
        var cluster = Named(root, "clusters", "cluster", clusterName, path);
        var user = Text(context, "user") is { } userName ? Named(root, "users", "user", userName, path) : new Map();
        string server = Text(cluster, "server") ?? throw new InstallException($"kubeconfig '{path}': cluster '{clusterName}' has no server");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri))
        {
            throw new InstallException($"kubeconfig '{path}': cluster '{clusterName}': server '{server}' is not a URL");
        }
        string? token = Text(user, "token");
        if (token is null && Text(user, "tokenFile") is { } tokenFile)
        {
            token = File.ReadAllText(Resolve(dir, tokenFile)).Trim();
        }
        if (user.Find("exec") is not null || user.Find("auth-provider") is not null)
        {
            throw new InstallException($"kubeconfig '{path}': user of context '{contextName}' authenticates through exec or an auth provider, which Hull does not run; use a token or client certificate");
        }
        return new Kubeconfig
        {
            Path = path,
            Server = uri,
            InsecureSkipTlsVerify = Text(cluster, "insecure-skip-tls-verify") == "true",
            CertificateAuthorityPem = Pem(cluster, "certificate-authority", dir),
            Token = token,
            ClientCertificatePem = Pem(user, "client-certificate", dir),
            ClientKeyPem = Pem(user, "client-key", dir),
            Namespace = Text(context, "namespace"),
        };
    }

    // `KEY-data` (base64) or `KEY` (a file).
    private static string? Pem(Map map, string key, string dir)
    {
        if (Text(map, key + "-data") is { } data)
        {
            try
            {
                return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException)
            {
                throw new InstallException($"kubeconfig: {key}-data is not base64");
            }
        }
        return Text(map, key) is { } file ? File.ReadAllText(Resolve(dir, file)) : null;
    }

    private static string Resolve(string dir, string file) => System.IO.Path.IsPathRooted(file) ? file : System.IO.Path.Combine(dir, file);

    // The entry of list `listKey` whose name is `name`, its `inner` map.
    private static Map Named(Map root, string listKey, string inner, string name, string path)
    {
        if (root.Find(listKey)?.Value is YamlArray list)
        {
            foreach (var item in list.Items)
            {
                if (item.Value is Map entry && Text(entry, "name") == name)
                {
                    return entry.Find(inner)?.Value as Map ?? new Map();
                }
            }
        }
        throw new InstallException($"kubeconfig '{path}': no {inner} named '{name}' in {listKey}");
    }

    private static string? Text(Map map, string key) => map.Find(key)?.Value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
    };
}
