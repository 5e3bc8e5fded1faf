using Xunit.Abstractions;

namespace Hull.Templating.Tests.RealWorld;

/// <summary>
/// ../shared/corpus: real configurations with ytt v0.45.0's output, rendered in-process. A case passes when Hull's
/// output is byte-identical where ytt succeeded, or Hull fails where ytt failed. Known failures must keep failing
/// until removed from corpus-known-failures.txt (the list only shrinks).
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(YttInvocation.RepositoryRoot, "..", "shared", "corpus"));

    /// <summary>Case names from cases.tsv.</summary>
    public static IEnumerable<object[]> Cases => ReadCases().Select(c => new object[] { c.Name });

    /// <summary>One corpus case.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string name)
    {
        var c = ReadCases().Single(x => x.Name == name);
        string key = name.Replace("/", "__", StringComparison.Ordinal);
        int rc = int.Parse(File.ReadAllText(Path.Combine(Root, "expected", key + ".rc")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        string expected = File.ReadAllText(Path.Combine(Root, "expected", key + ".out"));
        var got = YttInvocation.Run(Path.Combine(Root, c.Folder), c.Args);
        string? problem = (rc == 0, got.Succeeded) switch
        {
            (true, true) => got.Text == expected ? null : "output differs from ytt's",
            (true, false) => "failed where ytt succeeded: " + got.Text,
            (false, true) => "succeeded where ytt failed",
            (false, false) => null,
        };
        if (KnownFailures().Contains(name))
        {
            Assert.True(problem is not null, $"{name} now passes: remove it from corpus-known-failures.txt");
            return;
        }

        if (problem is not null) output.WriteLine(problem);
        Assert.True(problem is null, $"{name}: {problem}");
    }

    /// <summary>Every listed known failure names a real case.</summary>
    [Fact]
    public void KnownFailuresAreRealCases()
    {
        var names = ReadCases().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = KnownFailures().Where(n => !names.Contains(n)).ToList();
        Assert.True(unknown.Count == 0, "unknown cases in corpus-known-failures.txt: " + string.Join(", ", unknown));
        Assert.True(names.Count >= 38, "expected the shared corpus to be present at " + Root);
    }

    private static List<(string Name, string Folder, string Args)> ReadCases() =>
        File.ReadAllLines(Path.Combine(Root, "cases.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1], p[2]))
            .ToList();

    private static HashSet<string> KnownFailures() =>
        File.ReadAllLines(Path.Combine(YttInvocation.RepositoryRoot, "tests", "Hull.Templating.Tests", "RealWorld", "corpus-known-failures.txt"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2)[0])
            .ToHashSet(StringComparer.Ordinal);
}
