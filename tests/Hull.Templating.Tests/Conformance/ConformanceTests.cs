using Xunit.Abstractions;

namespace Hull.Templating.Tests.Conformance;

/// <summary>ytt's yamltemplate and texttemplate golden files; known failures must keep failing until removed from the list.</summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    /// <summary>Case names for the theory.</summary>
    public static IEnumerable<object[]> Cases => ConformanceSuite.CaseNames.Select(n => new object[] { n });

    /// <summary>One golden case.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string name)
    {
        var c = ConformanceCase.Load(ConformanceSuite.Root, Path.Combine(ConformanceSuite.Root, name));
        string? problem = ConformanceRunner.Run(c);
        bool known = ConformanceSuite.KnownFailures.ContainsKey(name);
        if (known)
        {
            Assert.True(problem is not null, $"{name} now passes: remove it from known-failures.txt");
            // A case expecting an error may differ in wording while listed, but it must still fail.
            Assert.False(c.ExpectsError && problem!.StartsWith("expected an error", StringComparison.Ordinal), $"{name}: {problem}");
            return;
        }
        if (problem is not null)
        {
            output.WriteLine(problem);
        }
        Assert.True(problem is null, $"{name}: {problem}");
    }

    /// <summary>Every listed known failure names a real case.</summary>
    [Fact]
    public void KnownFailuresAreRealCases()
    {
        var unknown = ConformanceSuite.KnownFailures.Keys.Except(ConformanceSuite.CaseNames).ToList();
        Assert.True(unknown.Count == 0, "unknown cases in known-failures.txt: " + string.Join(", ", unknown));
    }

    /// <summary>Prints the pass rate per folder.</summary>
    [Fact]
    public void PassRate()
    {
        int total = ConformanceSuite.CaseNames.Count;
        int failing = ConformanceSuite.KnownFailures.Count;
        output.WriteLine($"ytt template conformance: {total - failing}/{total} pass ({100.0 * (total - failing) / total:F1}%)");
        Assert.True(total > 150, "expected the shared conformance suite to be present");
    }
}
