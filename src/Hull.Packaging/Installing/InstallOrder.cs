namespace Hull.Packaging.Installing;

/// <summary>
/// Dependency order between installations, as a cluster needs it: a parent before the installations its output
/// creates, and an installation before those that use what it provides (the CustomResourceDefinitions of their
/// custom resources, the namespaces they write into, their service account). Deletes run it in reverse.
/// </summary>
public static class InstallOrder
{
    /// <summary>Providers first; otherwise by namespace and name. Cycles are broken in that order.</summary>
    public static IReadOnlyList<Installation> ProvidersFirst(IReadOnlyList<Installation> installations)
    {
        var remaining = installations.OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        var ordered = new List<Installation>(remaining.Count);
        while (remaining.Count > 0)
        {
            // The first one that needs none of the others left; in a cycle, simply the first.
            var next = remaining.FirstOrDefault(a => !remaining.Any(b => !ReferenceEquals(a, b) && Needs(a, b, remaining))) ?? remaining[0];
            remaining.Remove(next);
            ordered.Add(next);
        }
        return ordered;
    }

    /// <summary>Whether <paramref name="user"/> must come after <paramref name="provider"/>.</summary>
    public static bool Needs(Installation user, Installation provider, IReadOnlyList<Installation> all)
    {
        if (IsAncestor(provider, user, all))
        {
            return true;
        }
        var made = new ClusterState();
        made.AddResources(provider.Resources.Concat(provider.CreatedResources));
        made.AddTypes(provider.Provides);
        if (user.Install.Spec.ServiceAccountName is { Length: > 0 } sa && made.HasServiceAccount(user.Namespace, sa))
        {
            return true;
        }
        return user.Resources.Any(k =>
            (k.Namespace.Length > 0 && made.HasNamespace(k.Namespace) && !ClusterState.KubernetesNamespaces.Contains(k.Namespace))
            || (!ClusterState.IsBuiltInGroup(k.Group) && made.HasType(k.Group, k.Kind)));
    }

    private static bool IsAncestor(Installation ancestor, Installation installation, IReadOnlyList<Installation> all)
    {
        string? parent = installation.Parent;
        for (int depth = 0; parent is not null && depth < 64; depth++)
        {
            if (parent == ancestor.Key)
            {
                return true;
            }
            parent = all.FirstOrDefault(i => i.Key == parent)?.Parent;
        }
        return false;
    }
}
