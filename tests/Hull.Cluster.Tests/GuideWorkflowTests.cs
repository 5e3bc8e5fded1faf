using System.Text.RegularExpressions;

namespace Hull.Cluster.Tests;

/// <summary>Workflow 2 (the guide) installed, updated, kicked and deleted through Hull in a real cluster. Run against both test clusters (see <see cref="ClusterTest"/>).</summary>
public abstract class GuideWorkflowTests(string kubeconfigVariable) : ClusterTest(kubeconfigVariable)
{
    // Workflow 2, the guide, installed into a namespace other than default (failure 3: its children named
    // my-package-default-sa): every PackageInstall succeeds, the values reach the resources; then update, kick and
    // delete as tanzu does them, the delete removing the values Secret, service account and RBAC the install made.
    [Fact]
    public void TheGuidesMetapackageReconcilesInAnyNamespaceAndIsManagedThroughHull()
    {
        string ns = Cluster.NewNamespace("guide");
        Cluster.HullOk("repo", "add", "guide", Released.GuideRepository, "--target", "kapp-controller", "-n", ns, "--wait", "--wait-timeout", "2m");

        try
        {
            var installed = Cluster.HullOk("package", "install", "my-package", "-p", "my-package.my-opinionated.com", "-v", "0.0.1", "-f", Released.GuideValues,
                "--target", "kapp-controller", "-n", ns, "--wait", "--wait-timeout", "4m");
            foreach (string name in new[] { "my-package", "cert-manager", "contour", "external-dns", "my-opinionated-config" })
            {
                Assert.Matches($@"(?m)^{name} +\S+ +\S+ +Reconcile succeeded", installed);
            }
            var list = Cluster.HullOk("package", "installed", "list", "--target", "kapp-controller", "-n", ns);
            Assert.Equal(5, Regex.Matches(list, "Reconcile succeeded").Count);
            Assert.Matches(@"(?m)^my-package +my-package\.my-opinionated\.com +0\.0\.1 +Reconcile succeeded$", list);
            Assert.Equal($"my-package-{ns}-sa", Cluster.Get("pkgi", "contour", "-n", ns).GetProperty("spec").GetProperty("serviceAccountName").GetString());

            // The user's values in the resources: the Issuer's email and region, the certificate's domain, envoy's hostname.
            var issuer = Cluster.Get("issuer", "wildcard-lets-encrypt", "-n", "my-package-certs").GetProperty("spec").GetProperty("acme");
            Assert.Equal("jorge@none.com", issuer.GetProperty("email").GetString());
            Assert.Equal("eu-west1", issuer.GetProperty("solvers")[0].GetProperty("dns01").GetProperty("route53").GetProperty("region").GetString());
            Assert.Contains("*.example.com", Cluster.Kubectl("get", "certificate", "wildcard", "-n", "my-package-certs", "-o", "jsonpath={.spec.dnsNames}"));
            Assert.Contains("*.example.com.", Cluster.Kubectl("get", "configmaps", "-A", "-l", "!kubernetes.io/metadata.name", "-o", "yaml"));

            // The differential check: the same installation with the same values through the dir: target.
            string target = Path.Combine(Released.Directory, $"dir-{ns}");
            Cluster.HullOk("package", "install", "my-package", "-p", "my-package.my-opinionated.com", "-v", "0.0.1", "-f", Released.GuideValues,
                "-r", Released.GuideRepository, "--target", "dir:" + target, "-n", ns, "--existing-namespace", ns);
            DirTargetAgreement.AssertClusterHolds(Cluster, target, ns, atLeast: 10);

            var get = Cluster.HullOk("package", "installed", "get", "my-package", "--target", "kapp-controller", "-n", ns);
            Assert.Contains("STATUS:                  Reconcile succeeded", get);
            Assert.Contains($"VALUES-SECRETS:          my-package-{ns}-values", get);

            // Update: new values reach the children (tanzu's update of the values Secret the install created).
            string values = Path.Combine(Released.Directory, $"values-{ns}.yml");
            File.WriteAllText(values, File.ReadAllText(Released.GuideValues).Replace("example.com", "example.org", StringComparison.Ordinal));
            Cluster.HullOk("package", "installed", "update", "my-package", "-f", values, "--target", "kapp-controller", "-n", ns, "--wait-timeout", "4m");
            string written = Path.Combine(Released.Directory, $"written-{ns}.yml");
            Cluster.HullOk("package", "installed", "get", "my-package", "--values-file-output", written, "--target", "kapp-controller", "-n", ns);
            Assert.Contains("domain: example.org", File.ReadAllText(written));
            Assert.True(WaitFor(() => Cluster.Kubectl("get", "certificate", "wildcard", "-n", "my-package-certs", "-o", "jsonpath={.spec.dnsNames}").Contains("*.example.org", StringComparison.Ordinal)));

            Assert.Contains("Reconcile succeeded", Cluster.HullOk("package", "installed", "kick", "contour", "--target", "kapp-controller", "-n", ns));

            var deleted = Cluster.HullOk("package", "installed", "delete", "my-package", "--target", "kapp-controller", "-n", ns);
            Assert.Contains($"Deleted ServiceAccount {ns}/my-package-{ns}-sa", deleted);
            Assert.Contains($"Deleted ClusterRole my-package-{ns}-cluster-role", deleted);
            Assert.Contains($"Deleted Secret {ns}/my-package-{ns}-values", deleted);
            Assert.Empty(Cluster.Get("pkgi", "-n", ns).GetProperty("items").EnumerateArray());
            Assert.False(Cluster.Exists("serviceaccount", $"my-package-{ns}-sa", "-n", ns));
            Assert.False(Cluster.Exists("clusterrolebinding", $"my-package-{ns}-cluster-rolebinding"));
            Assert.False(Cluster.Exists("issuer", "wildcard-lets-encrypt", "-n", "my-package-certs"));
        }
        finally
        {
            // A failed run leaves nothing behind that owns the guide's cluster-wide namespaces (kapp's ownership).
            if (Cluster.Exists("pkgi", "my-package", "-n", ns))
            {
                Cluster.Hull("package", "installed", "delete", "my-package", "--target", "kapp-controller", "-n", ns, "--wait-timeout", "2m");
            }
        }
    }

    private static bool WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }
            Thread.Sleep(500);
        }
        return false;
    }

    /// <summary>On the cluster whose kapp-controller runs the reference Carvel tools.</summary>
    public sealed class ReferenceTools() : GuideWorkflowTests(ReferenceToolsVariable);

    /// <summary>On the cluster whose kapp-controller runs Hull as ytt, kbld and imgpkg.</summary>
    public sealed class HullTools() : GuideWorkflowTests(HullToolsVariable);
}
