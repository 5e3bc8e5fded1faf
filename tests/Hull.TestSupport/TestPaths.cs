namespace Hull.TestSupport;

/// <summary>Where the tests find the checkout and the shared material beside it.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The checkout's root folder (the one holding Hull.sln).</summary>
    public static string RepoRoot() => Root.Value;

    /// <summary>A path under <c>../shared</c> beside the checkout (conformance suites, schemas, the corpus).</summary>
    public static string Shared(params string[] parts) => Path.GetFullPath(Path.Combine([RepoRoot(), "..", "shared", .. parts]));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hull.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"repository root (Hull.sln) not found above {AppContext.BaseDirectory}");
    }
}
