// The scenarios mostly wait for kapp-controller: run them all at once (each scenario and cluster is its own test class,
// so its own collection), not two at a time as xunit's default of one thread per core would.
[assembly: CollectionBehavior(MaxParallelThreads = 8)]

namespace Hull.Cluster.Tests;

/// <summary>
/// Hull's channels and packages reconciled by the real kapp-controller (issue 18): both seed workflows, released by the
/// examples into the test registry, end in a real cluster through <c>hull repo add</c> and <c>hull package install
/// --target kapp-controller</c>; each failure the cluster once found in Hull's output has its test. Every scenario runs
/// against the cluster whose kapp-controller uses the reference Carvel tools and the one that uses Hull as ytt, kbld
/// and imgpkg (both started by scripts/test.sh).
/// </summary>
public abstract class ClusterTest(string kubeconfigVariable)
{
    /// <summary>The kubeconfig variable of the cluster with the reference tools.</summary>
    protected const string ReferenceToolsVariable = "HULL_TEST_KUBECONFIG";

    /// <summary>The kubeconfig variable of the cluster with Hull as its tools.</summary>
    protected const string HullToolsVariable = "HULL_TEST_KUBECONFIG_HULL_TOOLS";

    private protected TestCluster Cluster { get; } = new(kubeconfigVariable);

    private protected static ReleasedWorkflows Released => ReleasedWorkflows.Instance;
}
