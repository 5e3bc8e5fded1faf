namespace Hull.Cluster.Tests;

/// <summary>The example packages' CRDs are accepted by the real API server. Run against both test clusters (see <see cref="ClusterTest"/>).</summary>
public abstract class ExampleCrdTests(string kubeconfigVariable) : ClusterTest(kubeconfigVariable)
{
    // Failure 2: the API server refused the example's stand-in CRDs (no storage version, no structural schema).
    [Fact]
    public void TheExampleCrdsAreAcceptedByTheApiServer()
    {
        string packages = Path.Combine(TestPaths.RepoRoot(), "examples", "opinionated-install", "packages");
        foreach (string crds in new[] { "cert-manager", "contour" }.Select(p => Path.Combine(packages, p, "config", "crds.yml")))
        {
            Assert.Matches(@"(?m)^customresourcedefinition\.apiextensions\.k8s\.io/\S+ (created|configured|unchanged) \(server dry run\)$", Cluster.Kubectl("apply", "--dry-run=server", "-f", crds));
        }
    }

    /// <summary>On the cluster whose kapp-controller runs the reference Carvel tools.</summary>
    public sealed class ReferenceTools() : ExampleCrdTests(ReferenceToolsVariable);

    /// <summary>On the cluster whose kapp-controller runs Hull as ytt, kbld and imgpkg.</summary>
    public sealed class HullTools() : ExampleCrdTests(HullToolsVariable);
}
