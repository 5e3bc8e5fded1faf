using Hull.Packaging.Installing;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Yaml;

namespace Hull.Packaging.Cluster;

/// <summary>
/// The installations of the kapp-controller target, as tanzu's <c>package install</c> and <c>package installed</c>
/// commands treat them: Hull creates and changes what kctrl would (<see cref="KappControllerManifests"/>), the
/// cluster's kapp-controller reconciles. The counterpart of <see cref="Installations"/> for a dir: target.
/// </summary>
public sealed class ClusterInstallations(KappControllerCluster cluster)
{
    /// <summary>The cluster.</summary>
    public KappControllerCluster Cluster => cluster;

    /// <summary>
    /// Refuses what kctrl refuses before creating anything: the values Secret, service account and binding in the
    /// shared namespace <c>default</c> unless <paramref name="allowSharedNamespace"/>.
    /// </summary>
    public static void Check(InstallRequest request, bool allowSharedNamespace)
    {
        if (request.Namespace == "default" && !allowSharedNamespace)
        {
            throw new InstallException("Creating sensitive resources in a shared namespace (default): give a namespace with -n, or --dangerous-allow-use-of-shared-namespace to allow it");
        }
    }

    /// <summary>
    /// What <c>kctrl package install --dry-run</c> prints for <paramref name="request"/>; unlike kctrl (which needs no
    /// cluster) the package is first checked against <paramref name="repositories"/>.
    /// </summary>
    public static string DryRun(InstallRequest request, IReadOnlyList<RepositoryContents> repositories)
    {
        var manifests = request.Manifests();
        PackageSelection.Select(repositories, manifests.OfType<PackageInstall>().Single());
        return KappControllerManifests.DryRun(manifests);
    }

    /// <summary>Applies what kctrl creates for <paramref name="request"/> (its namespace first when it creates it); returns what was applied.</summary>
    public Task<IReadOnlyList<string>> InstallAsync(InstallRequest request, CancellationToken cancellationToken)
    {
        var manifests = request.Manifests();
        return cluster.ApplyAsync(request.CreateNamespace ? manifests.Prepend(NamespaceResource(request.Namespace)).ToList() : manifests, cancellationToken);
    }

    /// <summary>The PackageInstalls of <paramref name="ns"/> (every namespace when null).</summary>
    public Task<IReadOnlyList<ClusterObject>> ListAsync(string? ns, CancellationToken cancellationToken) => cluster.ListInstallsAsync(ns, cancellationToken);

    /// <summary>PackageInstall <paramref name="ns"/>/<paramref name="name"/>, or an error naming those the namespace holds.</summary>
    public Task<ClusterObject> GetAsync(string ns, string name, CancellationToken cancellationToken) => cluster.FindInstallAsync(ns, name, cancellationToken);

    /// <summary>The contents of the values Secrets <paramref name="install"/> names, in order.</summary>
    public async Task<IReadOnlyList<string>> ValuesTextsAsync(ClusterObject install, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        foreach (string secretName in install.ValuesSecrets)
        {
            var secret = await cluster.GetSecretAsync(install.Namespace, secretName, cancellationToken).ConfigureAwait(false)
                ?? throw InstalledValues.MissingSecret(install.Key, install.Namespace, secretName);
            texts.AddRange(secret.Select(kv => kv.Value));
        }
        return texts;
    }

    /// <summary>
    /// Changes <paramref name="install"/>'s version constraint and values (the values Secret the install creates,
    /// <c>NAME-NAMESPACE-values</c>), as tanzu does; new values alone are followed by a kick, so that the reconcile
    /// waited for next is one that read them (they do not change the PackageInstall's generation).
    /// </summary>
    public async Task UpdateAsync(ClusterObject install, InstallChange change, CancellationToken cancellationToken)
    {
        await cluster.UpdateInstallAsync(install, change.Constraints, change.ValuesSecret(install.Name, install.Namespace), cancellationToken).ConfigureAwait(false);
        if (change.Constraints is null)
        {
            await cluster.KickAsync(install, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes kapp-controller reconcile <paramref name="install"/> now.</summary>
    public Task KickAsync(ClusterObject install, CancellationToken cancellationToken) => cluster.KickAsync(install, cancellationToken);

    /// <summary>Deletes <paramref name="install"/> and then what the install created (see <see cref="KappControllerCluster.DeleteInstallAsync"/>); returns what was deleted.</summary>
    public Task<IReadOnlyList<string>> DeleteAsync(ClusterObject install, DateTimeOffset deadline, Action<ClusterObject>? observe, CancellationToken cancellationToken) =>
        cluster.DeleteInstallAsync(install, deadline, observe, cancellationToken);

    /// <summary>Waits for <paramref name="roots"/> and the PackageInstalls they create (see <see cref="KappControllerCluster.WaitAsync"/>).</summary>
    public Task<IReadOnlyList<ClusterObject>> WaitAsync(IReadOnlyList<(string Namespace, string Name)> roots, DateTimeOffset deadline, Action<ClusterObject>? observe, CancellationToken cancellationToken) =>
        cluster.WaitAsync(roots, deadline, observe, cancellationToken);

    // tanzu's --create-namespace: the Namespace, applied before what goes in it.
    private static OtherResource NamespaceResource(string ns) => new("v1", "Namespace", new ObjectMeta { Name = ns },
        new Map([new MapItem("apiVersion", "v1"), new MapItem("kind", "Namespace"), new MapItem("metadata", new Map([new MapItem("name", ns)]))]));
}
