namespace Hull.Bundles.Tests.Integration;

/// <summary>The registry scripts/test.sh starts (HULL_TEST_REGISTRY), and the external tools the tests drive.</summary>
public static class TestRegistry
{
    public static string Host => RegistryUnderTest.Host;

    public static string Unique(string prefix) => RegistryUnderTest.UniqueRepository(prefix);

    public static string RepoRoot() => TestPaths.RepoRoot();

    public static (int Code, string Out, string Err) Run(string file, params string[] args) =>
        ChildProcess.Execute(file, Environment.CurrentDirectory, null, args);
}
