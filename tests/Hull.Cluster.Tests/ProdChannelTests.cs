namespace Hull.Cluster.Tests;

/// <summary>Workflow 1: the prod channel's integration reconciles, agrees with the <c>dir:</c> target, and the dev channel is refused. Run against both test clusters (see <see cref="ClusterTest"/>).</summary>
public abstract class ProdChannelTests(string kubeconfigVariable) : ClusterTest(kubeconfigVariable)
{
    // Workflow 1: the prod channel added for every namespace, the prod integration installed (failure 3: its children
    // named a service account nothing created and wrote into namespaces nothing created): each package reconciles,
    // Deployments Available, ConfigMaps mode prod; a dev integration is refused on a machine with the prod channel only.
    [Fact]
    public void TheProdIntegrationReconcilesAndTheDevChannelIsRefused()
    {
        const string Global = "kapp-controller-packaging-global";
        string repository = $"prod-{Guid.NewGuid():N}"[..13];
        string ns = Cluster.NewNamespace("platform");
        Cluster.HullOk("repo", "add", repository, Released.ProdChannel, "--target", "kapp-controller", "-n", Global, "--wait", "--wait-timeout", "2m");
        try
        {
            var installed = Cluster.HullOk("package", "install", "platform", "-p", "platform.prod.example.com", "-v", "1.0.0",
                "--target", "kapp-controller", "-n", ns, "--wait", "--wait-timeout", "4m");
            foreach (string name in new[] { "platform", "hello", "echo" })
            {
                Assert.Matches($@"(?m)^{name} +{name}\.prod\.example\.com +1\.0\.0 +Reconcile succeeded", installed);
            }
            foreach (string app in new[] { "hello", "echo" })
            {
                Assert.Equal("prod", Cluster.Kubectl("get", "configmap", $"{app}-config", "-n", app, "-o", "jsonpath={.data.mode}"));
                Assert.Equal("True", Cluster.Kubectl("get", "deployment", app, "-n", app, "-o", "jsonpath={.status.conditions[?(@.type==\"Available\")].status}"));
            }

            // The differential check: the same installation through the dir: target.
            string target = Path.Combine(Released.Directory, $"dir-{ns}");
            Cluster.HullOk("package", "install", "platform", "-p", "platform.prod.example.com", "-v", "1.0.0", "-r", Released.ProdChannel,
                "--target", "dir:" + target, "-n", ns, "--existing-namespace", ns);
            DirTargetAgreement.AssertClusterHolds(Cluster, target, ns, atLeast: 10);

            var (code, output, error) = Cluster.Hull("package", "install", "platform-dev", "-p", "platform.dev.example.com", "-v", "1.0.0",
                "--target", "kapp-controller", "-n", ns, "--wait", "--wait-timeout", "5s");
            Assert.Equal(1, code);
            Assert.Contains("platform.dev.example.com", output);
            Assert.Contains($"1 installation did not reconcile within --wait-timeout 5s: {ns}/platform-dev", error);
        }
        finally
        {
            // The installations go before the repository their Packages come from (kapp-controller deletes through them).
            Cluster.Hull("package", "installed", "delete", "platform-dev", "--target", "kapp-controller", "-n", ns, "--wait-timeout", "1m");
            Cluster.Hull("package", "installed", "delete", "platform", "--target", "kapp-controller", "-n", ns, "--wait-timeout", "2m");
            Cluster.Hull("repo", "remove", repository, "--target", "kapp-controller", "-n", Global);
        }
    }

    /// <summary>On the cluster whose kapp-controller runs the reference Carvel tools.</summary>
    public sealed class ReferenceTools() : ProdChannelTests(ReferenceToolsVariable);

    /// <summary>On the cluster whose kapp-controller runs Hull as ytt, kbld and imgpkg.</summary>
    public sealed class HullTools() : ProdChannelTests(HullToolsVariable);
}
