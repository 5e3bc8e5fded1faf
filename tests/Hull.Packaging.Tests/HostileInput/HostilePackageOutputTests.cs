using Hull.Packaging.Installing;
using Hull.Packaging.Resources;
using Hull.Packaging.Tests.Integration;

namespace Hull.Packaging.Tests.HostileInput;

/// <summary>
/// Hostile input, packaging layer: what a package's rendered output (a metapackage's PackageInstalls) and a target's
/// own calls may hold, released to the test registry and reconciled into a dir: target beside a victim folder.
/// Classes covered (add the next one beside them):
/// <list type="bullet">
/// <item>a rendered PackageInstall whose namespace or name is a path (<c>/abs</c>, <c>../x</c>, <c>a/b</c>) (issue 14 defect 2)</item>
/// <item>DirectoryTarget calls with names that are paths: refused before any path is built (defect 2)</item>
/// </list>
/// The command-line side (flags, crafted records, missing folders, permissions) is in Hull.Cli.Tests' HostileInput.
/// </summary>
public sealed class HostilePackageOutputTests : IDisposable
{
    private readonly PackageWorkbench _bench = new();

    public void Dispose() => _bench.Dispose();

    private SortedDictionary<string, string> Outside(string target)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFileSystemEntries(_bench.Root, "*", SearchOption.AllDirectories).Where(p => !p.StartsWith(target, StringComparison.Ordinal)))
        {
            all[Path.GetRelativePath(_bench.Root, path)] = Directory.Exists(path) ? "dir" : File.ReadAllText(path);
        }
        return all;
    }

    [Theory]
    [InlineData("ABSOLUTE", "child")]
    [InlineData("../victim", "child")]
    [InlineData("default", "../../victim")]
    [InlineData("default", "hello/sub")]
    public async Task AMetapackageRenderingAPathAsNamespaceOrNameFailsAndTouchesNothing(string ns, string name)
    {
        string victim = Path.Combine(_bench.Root, "victim");
        Directory.CreateDirectory(victim);
        File.WriteAllText(Path.Combine(victim, "keep.txt"), "keep");
        string renderedNs = ns == "ABSOLUTE" ? victim : ns;
        await _bench.ReleaseAsync(_bench.Folder("meta.corp.com", new Dictionary<string, string>
        {
            ["child.yml"] = $"""
                apiVersion: packaging.carvel.dev/v1alpha1
                kind: PackageInstall
                metadata:
                  name: "{name}"
                  namespace: "{renderedNs}"
                spec:
                  serviceAccountName: sa
                  packageRef:
                    refName: meta.corp.com
                    versionSelection:
                      constraints: 1.0.0
                """,
        }), "1.0.0");
        await _bench.PublishAsync();
        var (target, reconciler) = _bench.Open();
        using (target)
        {
            var before = Outside(target.Root);

            var result = await reconciler.ReconcileTreeAsync([PackageWorkbench.Install("meta", "meta.corp.com", "1.0.0")], untilDone: false, DateTimeOffset.UtcNow, CancellationToken.None);

            var meta = Assert.Single(result);
            Assert.False(meta.Succeeded);
            Assert.Contains($"rendered output holds PackageInstall {renderedNs}/{name}", meta.UsefulErrorMessage, StringComparison.Ordinal);
            Assert.Contains("is not a valid", meta.UsefulErrorMessage, StringComparison.Ordinal);
            Assert.Equal(before, Outside(target.Root));
            Assert.Equal(["default/meta"], target.List().Select(i => i.Key));
            Assert.False(Directory.Exists(Path.Combine(target.Root, "default", "meta")));
        }
    }

    [Theory]
    [InlineData("/tmp/x", "app")]
    [InlineData("..", "app")]
    [InlineData("default", "hello/sub")]
    [InlineData("default", "..")]
    [InlineData("default", "")]
    public void TheTargetRefusesNamesThatArePaths(string ns, string name)
    {
        var (target, _) = _bench.Open();
        using (target)
        {
            var installation = PackageWorkbench.Install("x", "app.corp.com", "1.0.0");
            installation = installation with { Install = installation.Install with { Metadata = installation.Install.Metadata with { Name = name, Namespace = ns } } };

            Assert.Contains("is not a valid", Assert.Throws<InstallException>(() => target.Find(ns, name)).Message, StringComparison.Ordinal);
            Assert.Contains("is not a valid", Assert.Throws<InstallException>(() => target.Save(installation)).Message, StringComparison.Ordinal);
            Assert.Contains("is not a valid", Assert.Throws<InstallException>(() => target.Deploy(installation, [])).Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(target.Root, "*.yml", SearchOption.AllDirectories));
        }
    }
}
