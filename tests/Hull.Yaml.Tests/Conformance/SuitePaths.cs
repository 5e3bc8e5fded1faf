namespace Hull.Yaml.Tests.Conformance;

/// <summary>Locates the repository root (the folder holding Hull.sln) and the shared conformance suites beside it.</summary>
internal static class SuitePaths
{
    public static string RepoRoot { get; } = TestPaths.RepoRoot();

    public static string Ytt => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "conformance", "ytt"));

    public static string KnownFailures => Path.Combine(RepoRoot, "tests", "Hull.Yaml.Tests", "Conformance", "known-failures.txt");

    /// <summary>Splits a golden file at "\n+++\n\n" into input and expected output.</summary>
    public static (string Input, string Expected) Split(string path)
    {
        var text = File.ReadAllText(path);
        var at = text.IndexOf("\n+++\n\n", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("no +++ separator in " + path);
        }

        return (text[..(at + 1)], text[(at + 6)..]);
    }

    /// <summary>Case names listed in known-failures.txt (first word of each non-comment line).</summary>
    public static HashSet<string> ReadKnownFailures()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(KnownFailures))
        {
            return set;
        }

        foreach (var raw in File.ReadAllLines(KnownFailures))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            set.Add(line.Split(' ', 2)[0]);
        }

        return set;
    }
}
