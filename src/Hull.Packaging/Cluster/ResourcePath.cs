using Hull.Packaging.Installing;

namespace Hull.Packaging.Cluster;

/// <summary>The API paths of the kinds Hull reads and writes in a cluster (no discovery: each is known).</summary>
public static class ResourcePath
{
    private static readonly Dictionary<(string ApiVersion, string Kind), (string Plural, bool Namespaced)> Kinds = new()
    {
        [("v1", "Namespace")] = ("namespaces", false),
        [("v1", "ServiceAccount")] = ("serviceaccounts", true),
        [("v1", "Secret")] = ("secrets", true),
        [("v1", "ConfigMap")] = ("configmaps", true),
        [("rbac.authorization.k8s.io/v1", "ClusterRole")] = ("clusterroles", false),
        [("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")] = ("clusterrolebindings", false),
        [("packaging.carvel.dev/v1alpha1", "PackageInstall")] = ("packageinstalls", true),
        [("packaging.carvel.dev/v1alpha1", "PackageRepository")] = ("packagerepositories", true),
        [("kappctrl.k14s.io/v1alpha1", "App")] = ("apps", true),
        [("data.packaging.carvel.dev/v1alpha1", "Package")] = ("packages", true),
    };

    /// <summary>The path of a resource (or, without <paramref name="name"/>, of its collection; without <paramref name="ns"/>, across namespaces).</summary>
    public static string For(string apiVersion, string kind, string? ns, string? name = null)
    {
        if (!Kinds.TryGetValue((apiVersion, kind), out var k))
        {
            throw new InstallException($"{apiVersion} {kind} is not a kind Hull writes to a cluster");
        }
        string group = apiVersion == "v1" ? "/api/v1" : $"/apis/{apiVersion}";
        string scope = k.Namespaced && ns is not null ? $"/namespaces/{Uri.EscapeDataString(ns)}" : "";
        return name is null ? $"{group}{scope}/{k.Plural}" : $"{group}{scope}/{k.Plural}/{Uri.EscapeDataString(name)}";
    }
}
