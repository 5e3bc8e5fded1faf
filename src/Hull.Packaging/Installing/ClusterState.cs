namespace Hull.Packaging.Installing;

/// <summary>
/// What a cluster holding a target's installations would have, for the checks kapp-controller and the API server
/// make before an installation deploys: its namespaces (Kubernetes' own, those declared as pre-existing, those
/// installations created), its service accounts and the custom resource types installed CRDs provide.
/// </summary>
public sealed class ClusterState
{
    /// <summary>The namespaces every Kubernetes cluster starts with.</summary>
    public static readonly IReadOnlyList<string> KubernetesNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"];

    private readonly HashSet<string> _namespaces = new(KubernetesNamespaces, StringComparer.Ordinal);
    private readonly HashSet<string> _serviceAccounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _types = new(StringComparer.Ordinal);

    /// <summary>Whether the API server or kapp-controller itself serves the group's kinds (no CustomResourceDefinition needed).</summary>
    public static bool IsBuiltInGroup(string group) =>
        !group.Contains('.', StringComparison.Ordinal) || group.EndsWith(".k8s.io", StringComparison.Ordinal)
        || group.EndsWith("carvel.dev", StringComparison.Ordinal) || group.EndsWith("k14s.io", StringComparison.Ordinal);

    /// <summary>The state of <paramref name="target"/>: what its installations deployed or were created with.</summary>
    public static ClusterState Of(DirectoryTarget target)
    {
        var state = new ClusterState();
        state._namespaces.UnionWith(target.DeclaredNamespaces());
        foreach (var installation in target.List())
        {
            state.AddResources(installation.Resources.Concat(installation.CreatedResources));
            if (installation.Succeeded == true)
            {
                state._types.UnionWith(installation.Provides);
            }
        }
        return state;
    }

    /// <summary>Adds resources as if deployed (an installation's own output, checked against itself).</summary>
    public void AddResources(IEnumerable<ResourceKey> resources)
    {
        foreach (var key in resources.Where(k => k.Group.Length == 0))
        {
            if (key.Kind == "Namespace")
            {
                _namespaces.Add(key.Name);
            }
            else if (key.Kind == "ServiceAccount")
            {
                _serviceAccounts.Add($"{key.Namespace}/{key.Name}");
            }
        }
    }

    /// <summary>Adds custom resource types (<c>group/Kind</c>).</summary>
    public void AddTypes(IEnumerable<string> types) => _types.UnionWith(types);

    /// <summary>Whether the namespace exists.</summary>
    public bool HasNamespace(string name) => _namespaces.Contains(name);

    /// <summary>Whether the service account exists.</summary>
    public bool HasServiceAccount(string ns, string name) => _serviceAccounts.Contains($"{ns}/{name}");

    /// <summary>Whether a CRD provides <c>group/Kind</c>.</summary>
    public bool HasType(string group, string kind) => _types.Contains($"{group}/{kind}");
}
