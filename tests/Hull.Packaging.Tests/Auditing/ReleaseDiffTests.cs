using System.Text;
using Hull.Packaging.Auditing;
using Hull.Packaging.Available;

namespace Hull.Packaging.Tests.Auditing;

public sealed class ReleaseDiffTests
{
    [Fact]
    public void EqualTextsHaveNoDiff() => Assert.Empty(LineDiff.Unified("a\nb\n", "a\nb\n", "x", "y"));

    [Fact]
    public void ChangedLineShowsAsHunkWithContext()
    {
        string old = string.Join('\n', Enumerable.Range(1, 10).Select(i => $"line {i}")) + "\n";
        string @new = old.Replace("line 5\n", "line five\n", StringComparison.Ordinal);
        Assert.Equal(
            ["--- a", "+++ b", "@@ -2,7 +2,7 @@", " line 2", " line 3", " line 4", "-line 5", "+line five", " line 6", " line 7", " line 8"],
            LineDiff.Unified(old, @new, "a", "b"));
    }

    [Fact]
    public void DistantChangesAreSeparateHunks()
    {
        string old = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"{i}")) + "\n";
        string @new = old.Replace("\n2\n", "\ntwo\n", StringComparison.Ordinal).Replace("\n19\n", "\nnineteen\n", StringComparison.Ordinal);
        var diff = LineDiff.Unified(old, @new, "a", "b");
        Assert.Equal(2, diff.Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Contains("-19", diff);
        Assert.Contains("+nineteen", diff);
    }

    [Fact]
    public void AddedAndRemovedFiles()
    {
        Assert.Equal(["--- a", "+++ b", "@@ -1,0 +1,1 @@", "+new"], LineDiff.Unified(null, "new\n", "a", "b"));
        Assert.Equal(["--- a", "+++ b", "@@ -1,1 +1,0 @@", "-old"], LineDiff.Unified("old\n", null, "a", "b"));
    }

    [Fact]
    public void ReleasesDifferByFileImageDependencyAndRenderedOutput()
    {
        var old = Report("1.0.0", "constraints: 1.0.0\n", "r/hello@sha256:aa", new PackageDependency("hello", "hello.prod.example.com", "1.0.0"));
        var @new = Report("1.1.0", "constraints: 1.1.0\n", "r/hello@sha256:bb", new PackageDependency("hello", "hello.prod.example.com", "1.1.0"));
        var lines = ReleaseDiff.Lines(old, @new);
        Assert.Equal("p.example.com/1.0.0 -> p.example.com/1.1.0", lines[0]);
        Assert.Contains("bundle: b@1.0.0 -> b@1.1.0", lines);
        Assert.Contains("file changed: config/installs.yml", lines);
        Assert.Contains("-constraints: 1.0.0", lines);
        Assert.Contains("+constraints: 1.1.0", lines);
        Assert.Contains("image removed: r/hello@sha256:aa", lines);
        Assert.Contains("image added: r/hello@sha256:bb", lines);
        Assert.Contains("dependency added: hello: hello.prod.example.com 1.1.0", lines);
        Assert.Contains("rendered output changed:", lines);
        Assert.DoesNotContain(lines, l => l.Contains("same.yml", StringComparison.Ordinal));
        Assert.Equal(["p.example.com/1.0.0 -> p.example.com/1.0.0", "no changes"], ReleaseDiff.Lines(old, old));
    }

    private static PackageReport Report(string version, string installs, string image, PackageDependency dependency)
    {
        var contents = new Dictionary<string, byte[]>
        {
            ["config/installs.yml"] = Encoding.UTF8.GetBytes(installs),
            ["config/same.yml"] = Encoding.UTF8.GetBytes("same\n"),
        };
        var files = contents.Select(c => new PackageFile(c.Key, c.Value.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(c.Value)))).ToList();
        return new PackageReport("p.example.com", version, $"b@{version}", files, [image], [dependency], Array.Empty<ValuesSchemaRow>(), installs, null) { Contents = contents };
    }
}
