using System.Text.Json;

namespace Hull.Cluster.Tests;

/// <summary>
/// A real test cluster (kube-apiserver with the real kapp-controller, ../shared/cluster, started by scripts/test.sh)
/// reached through the kubeconfig in <paramref name="variable"/>; hull and kubectl run against it.
/// </summary>
internal sealed class TestCluster(string variable)
{
    // hull's and kubectl's working, config and cache folder for the test run; not the releases' folder, so a scenario
    // that needs no release (the CRDs) does not wait for one.
    private static readonly Lazy<string> WorkDirectory = new(() => Directory.CreateTempSubdirectory("hull-cluster-tests-").FullName);

    /// <summary>The kubeconfig.</summary>
    public string Kubeconfig { get; } = System.Environment.GetEnvironmentVariable(variable)
        ?? throw new InvalidOperationException($"{variable} is not set: run the tests with scripts/test.sh, which starts the test clusters (../shared/cluster)");

    /// <summary>Runs hull (the build's executable) with the cluster's kubeconfig; exit code and both streams.</summary>
    public (int Code, string Out, string Err) Hull(params string[] args) =>
        ChildProcess.Execute(Path.Combine(AppContext.BaseDirectory, "hull"), WorkDirectory.Value, Environment(), args);

    /// <summary>Runs hull and fails the test unless it exits 0; its standard output.</summary>
    public string HullOk(params string[] args)
    {
        var (code, output, error) = Hull(args);
        Assert.True(code == 0, $"hull {string.Join(' ', args)} exited {code}:\n{output}\n{error}");
        return output;
    }

    /// <summary>Runs kubectl against the cluster and fails the test unless it exits 0; its standard output.</summary>
    public string Kubectl(params string[] args) => ChildProcess.Run("kubectl", WorkDirectory.Value, Environment(), args);

    /// <summary>kubectl get … -o json, parsed.</summary>
    public JsonElement Get(params string[] args)
    {
        using var doc = JsonDocument.Parse(Kubectl(["get", .. args, "-o", "json"]));
        return doc.RootElement.Clone();
    }

    /// <summary>Whether kubectl finds the resource.</summary>
    public bool Exists(params string[] args) => ChildProcess.Execute("kubectl", WorkDirectory.Value, Environment(), ["get", .. args]).Code == 0;

    /// <summary>A fresh namespace for one test.</summary>
    public string NewNamespace(string prefix)
    {
        string ns = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        Kubectl("create", "namespace", ns);
        return ns;
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["KUBECONFIG"] = Kubeconfig,
        ["HULL_CONFIG_DIR"] = Path.Combine(WorkDirectory.Value, "config"),
        ["HULL_CACHE_DIR"] = Path.Combine(WorkDirectory.Value, "cache"),
    };
}
