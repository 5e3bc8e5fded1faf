using System.Text.RegularExpressions;

namespace Hull.Cluster.Tests;

/// <summary>A Hull repository reconciles in kapp-controller and serves its packages; <c>hull repo list|remove</c> manage it. Run against both test clusters (see <see cref="ClusterTest"/>).</summary>
public abstract class RepositoryReconcileTests(string kubeconfigVariable) : ClusterTest(kubeconfigVariable)
{
    // Failure 1: a Hull repository failed in kapp-controller (its ImagesLock had no kbld.carvel.dev/id annotations).
    [Fact]
    public void AHullRepositoryReconcilesAndServesItsPackages()
    {
        string ns = Cluster.NewNamespace("repo");
        var added = Cluster.HullOk("repo", "add", "guide", Released.GuideRepository, "--target", "kapp-controller", "-n", ns, "--wait", "--wait-timeout", "2m");
        Assert.Contains($"{ns}/guide: Reconcile succeeded", added);

        // Workflow 1's prod channel, added for every namespace by ProdChannelTests meanwhile, may show through here.
        var packages = Cluster.Get("packages", "-n", ns).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("metadata").GetProperty("name").GetString()!)
            .Where(name => !name.Contains(".example.com.", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(
            ["cert-manager.community.tanzu.vmware.com.1.5.1", "config.my-opinionated.com.0.0.1", "contour.community.tanzu.vmware.com.1.17.1", "external-dns.community.tanzu.vmware.com.0.8.0", "my-package.my-opinionated.com.0.0.1"],
            packages);
        var listed = Cluster.HullOk("repo", "list", "--target", "kapp-controller", "-n", ns);
        Assert.Matches($@"(?m)^guide +\(imgpkg\) {Regex.Escape(Released.GuideRepository)} +Reconcile succeeded$", listed);

        Assert.Contains($"Removed PackageRepository {ns}/guide", Cluster.HullOk("repo", "remove", "guide", "--target", "kapp-controller", "-n", ns, "--wait"));
        Assert.False(Cluster.Exists("packagerepository", "guide", "-n", ns));
    }

    /// <summary>On the cluster whose kapp-controller runs the reference Carvel tools.</summary>
    public sealed class ReferenceTools() : RepositoryReconcileTests(ReferenceToolsVariable);

    /// <summary>On the cluster whose kapp-controller runs Hull as ytt, kbld and imgpkg.</summary>
    public sealed class HullTools() : RepositoryReconcileTests(HullToolsVariable);
}
