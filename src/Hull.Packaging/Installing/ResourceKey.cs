using Hull.Yaml;

namespace Hull.Packaging.Installing;

/// <summary>What identifies a resource in a target: apiVersion's group, kind, namespace and name (two installs may not share one).</summary>
/// <param name="ApiVersion">The apiVersion as written.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Namespace">The namespace; empty for cluster-scoped kinds.</param>
/// <param name="Name">The name.</param>
public sealed record ResourceKey(string ApiVersion, string Kind, string Namespace, string Name)
{
    // Kubernetes' cluster-scoped kinds (and cert-manager's ClusterIssuer, common in packages); others are namespaced.
    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "StorageClass", "PriorityClass", "ClusterRole", "ClusterRoleBinding",
        "CustomResourceDefinition", "APIService", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
        "CSIDriver", "IngressClass", "RuntimeClass", "ClusterIssuer", "PodSecurityPolicy",
    };

    /// <summary>The API group (empty for the core group).</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    /// <summary>The key of a rendered document; resources without a namespace land in <paramref name="defaultNamespace"/>.</summary>
    public static ResourceKey Of(Map document, string defaultNamespace)
    {
        string apiVersion = document.Find("apiVersion")?.Value as string ?? "";
        string kind = document.Find("kind")?.Value as string ?? "";
        var metadata = document.Find("metadata")?.Value as Map;
        string name = metadata?.Find("name")?.Value?.ToString() ?? "";
        string ns = ClusterScoped.Contains(kind) ? "" : metadata?.Find("namespace")?.Value?.ToString() ?? defaultNamespace;
        return new ResourceKey(apiVersion, kind, ns, name);
    }

    /// <summary>Parses <see cref="ToString"/>'s form.</summary>
    public static ResourceKey Parse(string text)
    {
        var parts = text.Split(' ');
        var nsName = parts.Length > 2 ? parts[2] : "/";
        int slash = nsName.IndexOf('/', StringComparison.Ordinal);
        return new ResourceKey(parts[0], parts.Length > 1 ? parts[1] : "", nsName[..slash], nsName[(slash + 1)..]);
    }

    /// <summary>The file name a resource is written to in its installation's folder.</summary>
    public string FileName()
    {
        string Clean(string s) => new(s.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '-').ToArray());
        string group = Group.Length == 0 ? "" : "." + Clean(Group);
        return Namespace.Length == 0 ? $"{Clean(Kind)}{group}-{Clean(Name)}.yml" : $"{Clean(Kind)}{group}-{Clean(Namespace)}-{Clean(Name)}.yml";
    }

    /// <summary><c>apiVersion kind namespace/name</c>.</summary>
    public override string ToString() => $"{ApiVersion} {Kind} {Namespace}/{Name}";
}
