namespace Hull.Templating.Tests.Conformance;

/// <summary>Locates and lists the ytt golden files this project is responsible for.</summary>
public static class ConformanceSuite
{
    /// <summary>../shared/conformance/ytt relative to the repository root.</summary>
    public static string Root { get; } = TestPaths.Shared("conformance", "ytt");

    /// <summary>Every case in scope: yamltemplate, validations and texttemplate.</summary>
    public static IReadOnlyList<string> CaseNames { get; } = ListCases();

    /// <summary>Known failures: case name to reason.</summary>
    public static IReadOnlyDictionary<string, string> KnownFailures { get; } = LoadKnownFailures();

    private static List<string> ListCases()
    {
        var names = new List<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(Root, "yamltemplate"), "*.tpltest", SearchOption.AllDirectories))
        {
            names.Add(Path.GetRelativePath(Root, f).Replace('\\', '/'));
        }
        // validations/ holds `#@assert/validate` cases (one has no extension).
        foreach (var f in Directory.EnumerateFiles(Path.Combine(Root, "validations"), "*", SearchOption.AllDirectories))
        {
            names.Add(Path.GetRelativePath(Root, f).Replace('\\', '/'));
        }
        foreach (var f in Directory.EnumerateFiles(Path.Combine(Root, "texttemplate")))
        {
            names.Add(Path.GetRelativePath(Root, f).Replace('\\', '/'));
        }
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static Dictionary<string, string> LoadKnownFailures()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string path = Path.Combine(AppContext.BaseDirectory, "Conformance", "known-failures.txt");
        foreach (var raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int sp = line.IndexOf(' ', StringComparison.Ordinal);
            result[sp < 0 ? line : line[..sp]] = sp < 0 ? "" : line[(sp + 1)..].Trim();
        }
        return result;
    }
}
