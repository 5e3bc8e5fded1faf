using Xunit.Abstractions;

namespace Hull.Templating.Tests.RealWorld;

/// <summary>
/// Minimal inputs for behaviours real configurations rely on, each with the real ytt v0.45.0's answer
/// (behaviours/NAME: `args`, the input files, and `expected.out` or `expected.err`, written by behaviours/record.sh).
/// Where ytt fails, Hull must fail with the same first non-empty line of the message (laid out as ytt's command line does).
/// </summary>
public sealed class BehaviourTests(ITestOutputHelper output)
{
    private static readonly string Root = Path.Combine(YttInvocation.RepositoryRoot, "tests", "Hull.Templating.Tests", "RealWorld", "behaviours");

    /// <summary>Behaviour folder names.</summary>
    public static IEnumerable<object[]> Cases =>
        Directory.EnumerateDirectories(Root).Select(d => new object[] { Path.GetFileName(d) }).OrderBy(c => (string)c[0], StringComparer.Ordinal);

    /// <summary>One behaviour.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Behaviour(string name)
    {
        string folder = Path.Combine(Root, name);
        var got = YttInvocation.Run(folder, File.ReadAllText(Path.Combine(folder, "args")).Trim());
        output.WriteLine(got.Text);
        string outPath = Path.Combine(folder, "expected.out");
        if (File.Exists(outPath))
        {
            Assert.True(got.Succeeded, "ytt succeeded, Hull failed: " + got.Text);
            Assert.Equal(File.ReadAllText(outPath), got.Text);
            return;
        }

        Assert.False(got.Succeeded, "ytt failed, Hull succeeded");
        string want = FirstLine(File.ReadAllText(Path.Combine(folder, "expected.err")), "ytt: Error: ");
        Assert.Equal(want, FirstLine(MultiLineErrorLayout.Format(got.Text), ""));
    }

    // The first line with text once the tool's prefix is gone (ytt's template errors start with an empty line);
    // generated names are numbered per process, so compared as upstream's golden files do.
    private static string FirstLine(string message, string prefix)
    {
        if (message.StartsWith(prefix, StringComparison.Ordinal)) message = message[prefix.Length..];
        string line = message.Split('\n').Select(l => l.TrimEnd()).FirstOrDefault(l => l.Length > 0) ?? "";
        return Conformance.ConformanceCase.NormalizeError(line);
    }
}
