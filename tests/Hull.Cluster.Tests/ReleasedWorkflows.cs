namespace Hull.Cluster.Tests;

/// <summary>
/// Both seed workflows released into the test registry by the examples' own scripts (run.sh --registry), once per
/// test run: the prod and dev channels of Workflow 1 and the repository of Workflow 2, for the clusters to fetch.
/// </summary>
internal sealed class ReleasedWorkflows
{
    private static readonly Lazy<ReleasedWorkflows> Shared = new(() => new ReleasedWorkflows(), LazyThreadSafetyMode.ExecutionAndPublication);

    private ReleasedWorkflows()
    {
        string registry = RegistryUnderTest.Host;
        Directory = System.IO.Directory.CreateTempSubdirectory("hull-cluster-workflows-").FullName;
        string root = TestPaths.RepoRoot();
        string path = $"cluster-{Guid.NewGuid():N}";
        // Both scripts at once: they mostly wait on the registry and on short-lived hull processes.
        Task.WaitAll(
            Task.Run(() => Release(Path.Combine(root, "examples", "linux-package-workflow", "run.sh"), "workflow1", registry, $"{path}/w1")),
            Task.Run(() => Release(Path.Combine(root, "examples", "opinionated-install", "run.sh"), "workflow2", registry, $"{path}/w2")));
        ProdChannel = $"{registry}/{path}/w1/channels/prod:stable";
        DevChannel = $"{registry}/{path}/w1/channels/dev:stable";
        GuideRepository = $"{registry}/{path}/w2/my-opinionated-repo:1.0.0";
        GuideValues = Path.Combine(root, "examples", "opinionated-install", "my-package-config.yaml");
    }

    /// <summary>The releases, made on first use.</summary>
    public static ReleasedWorkflows Instance => Shared.Value;

    /// <summary>A folder for the tests' files (values files, work folders), kept for the test run.</summary>
    public string Directory { get; }

    /// <summary>Workflow 1's prod channel (a repository bundle).</summary>
    public string ProdChannel { get; }

    /// <summary>Workflow 1's dev channel.</summary>
    public string DevChannel { get; }

    /// <summary>Workflow 2's repository.</summary>
    public string GuideRepository { get; }

    /// <summary>The guide's values file.</summary>
    public string GuideValues { get; }

    private void Release(string script, string name, string registry, string path)
    {
        string work = Path.Combine(Directory, name);
        ChildProcess.Run("bash", Directory, new Dictionary<string, string>
        {
            ["HULL"] = Path.Combine(AppContext.BaseDirectory, "hull"),
            ["HULL_CONFIG_DIR"] = Path.Combine(work, "config"),
            ["HULL_CACHE_DIR"] = Path.Combine(work, "cache"),
        }, script, "--work", work, "--registry", registry, "--path", path);
    }
}
