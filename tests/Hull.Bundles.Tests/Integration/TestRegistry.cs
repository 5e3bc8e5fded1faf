namespace Hull.Bundles.Tests.Integration;

/// <summary>The registry scripts/test.sh starts (HULL_TEST_REGISTRY), and the external tools the tests drive.</summary>
public static class TestRegistry
{
    public static string Host =>
        Environment.GetEnvironmentVariable("HULL_TEST_REGISTRY")
        ?? throw new InvalidOperationException("HULL_TEST_REGISTRY is not set: run the tests with scripts/test.sh, which starts the registry");

    public static string Unique(string prefix) => $"{Host}/{prefix}-{Guid.NewGuid():N}";

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hull.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (Hull.sln)");
    }

    public static (int Code, string Out, string Err) Run(string file, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var p = System.Diagnostics.Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, err);
    }
}
