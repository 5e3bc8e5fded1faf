using System.Text.RegularExpressions;

namespace Hull.Cli.Tests;

// Workflow 1 (examples/linux-package-workflow/run.sh) end to end, on the embedded store and against the test
// registry, then every artifact checked for what the workflow promises: dev packages absent from the prod channel,
// packages and images by digest, pinned versions installed, mode values right, an upgrade touching only what changed.
public sealed partial class LinuxPackageWorkflowTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hull-workflow1-").FullName;
    private readonly string _hull = Path.Combine(AppContext.BaseDirectory, "hull");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RunsOnTheEmbeddedStore() => RunAndCheck(registry: null);

    [Fact]
    public void RunsAgainstTheTestRegistry()
    {
        var registry = RegistryUnderTest.Host;
        RunAndCheck($"{registry}/workflow1-{Guid.NewGuid():N}");
    }

    private void RunAndCheck(string? registry)
    {
        var work = Path.Combine(_dir, "work");
        var script = Path.Combine(TestPaths.RepoRoot(), "examples", "linux-package-workflow", "run.sh");
        var output = registry is null
            ? Run("bash", _dir, script, "--work", work)
            : Run("bash", _dir, script, "--work", work, "--registry", registry, "--path", "hull-example");
        Assert.Contains("$ hull package install platform -p platform.prod.example.com -v 1.0.0", output);
        Assert.Contains("audit: OK", output);
        // Each channel signed with its own key; the prod machine trusts the prod key only, so dev content refuses.
        Assert.Matches(@"(?m)^prod +\S+ +\S+ +[0-9a-f]{16}$", output);
        Assert.Contains("repository 'prod-mirror': verification failed: ", output);
        Assert.Contains("signature not verified: signed by an untrusted key", output);
        var store = registry is null ? "oci:store" : $"{registry}/hull-example";

        // Channels: each holds its own flavour only, every Package's bundle by digest, both integrations released.
        foreach (var (mode, other) in new[] { ("prod", "dev"), ("dev", "prod") })
        {
            var channel = Pull(work, $"{store}/channels/{mode}:stable", $"channel-{mode}");
            var names = Directory.GetDirectories(Path.Combine(channel, "packages")).Select(d => Path.GetFileName(d)!).Order().ToArray();
            Assert.Equal([$"echo.{mode}.example.com", $"hello.{mode}.example.com", $"platform.{mode}.example.com"], names);
            Assert.DoesNotContain(Directory.GetFiles(channel, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains($".{other}.example.com", StringComparison.Ordinal));
            foreach (var package in Directory.GetFiles(Path.Combine(channel, "packages"), "*.*.*.yml", SearchOption.AllDirectories))
            {
                Assert.Matches(@"imgpkgBundle:\s+image: \S+@sha256:[0-9a-f]{64}", File.ReadAllText(package));
            }
        }
        var prod = Path.Combine(work, "channel-prod", "packages");
        Assert.True(File.Exists(Path.Combine(prod, "hello.prod.example.com", "1.1.0.yml")));
        Assert.True(File.Exists(Path.Combine(prod, "platform.prod.example.com", "1.1.0.yml")));
        Assert.False(File.Exists(Path.Combine(prod, "echo.prod.example.com", "1.1.0.yml")));

        // Bundles: the metapackages pin exact versions; a flavour's bundle locks its image by digest.
        var platform = Pull(work, $"{store}/platform:prod-1.1.0", "platform-prod-1.1.0");
        var installs = File.ReadAllText(Path.Combine(platform, "config", "installs.yml"));
        Assert.Matches(@"refName: hello\.prod\.example\.com\s+versionSelection:\s+constraints: 1\.1\.0", installs);
        Assert.Matches(@"refName: echo\.prod\.example\.com\s+versionSelection:\s+constraints: 1\.0\.0", installs);
        var hello11 = Digest(Run(_hull, work, "bundle", "tag", "resolve", "-i", $"{store}/hello:1.1.0"));
        var echo10 = Digest(Run(_hull, work, "bundle", "tag", "resolve", "-i", $"{store}/echo:1.0.0"));
        var helloBundle = Pull(work, $"{store}/hello:prod-1.1.0", "hello-prod-1.1.0");
        Assert.Contains($"@{hello11}", File.ReadAllText(Path.Combine(helloBundle, ".imgpkg", "images.yml")));
        Assert.Contains("mode: \"prod\"", File.ReadAllText(Path.Combine(helloBundle, "config", "configmap.yml")));

        // show and diff: what a release holds and what changed, as the review before shipping sees it.
        var show = Run(_hull, work, "package", "show", "hello.prod.example.com/1.1.0", "-r", "prod");
        Assert.Contains("config/configmap.yml", show);
        Assert.Contains($"hello@{hello11}", show);
        Assert.Contains("Values:   none", show);
        var diff = Run(_hull, work, "package", "diff", "platform.prod.example.com/1.0.0", "1.1.0", "-r", "prod");
        Assert.Contains("file changed: config/installs.yml", diff);
        Assert.Contains("dependency added: hello: hello.prod.example.com 1.1.0", diff);
        Assert.DoesNotContain("dependency removed: echo", diff, StringComparison.Ordinal);
        Assert.Contains("+      constraints: 1.1.0", diff);

        // Installed: the pinned versions of the integration, mode prod, images by the pushed digests.
        var installed = Run(_hull, work, "package", "installed", "list", "--target", "dir:target");
        Assert.Matches(@"(?m)^platform\s+platform\.prod\.example\.com\s+1\.1\.0\s", installed);
        Assert.Matches(@"(?m)^hello\s+hello\.prod\.example\.com\s+1\.1\.0\s", installed);
        Assert.Matches(@"(?m)^echo\s+echo\.prod\.example\.com\s+1\.0\.0\s", installed);
        var target = Path.Combine(work, "target");
        var manifests = Directory.GetFiles(target, "*.yml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.hull{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(target, f), File.ReadAllText);
        var configMaps = manifests.Where(m => m.Value.Contains("kind: ConfigMap", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, configMaps.Count);
        Assert.All(configMaps, m => Assert.Matches("mode: \"?prod\"?", m.Value));
        var images = manifests.Values.SelectMany(m => ImageLine().Matches(m)).Select(m => m.Groups[1].Value).Order().ToArray();
        Assert.Equal(2, images.Length);
        Assert.All(images, i => Assert.Matches("@sha256:[0-9a-f]{64}$", i));
        Assert.Contains(images, i => i.EndsWith($"echo@{echo10}", StringComparison.Ordinal));
        Assert.Contains(images, i => i.EndsWith($"hello@{hello11}", StringComparison.Ordinal));
        if (registry is null)
        {
            Assert.All(images, i => Assert.StartsWith("example.registry.fake/", i, StringComparison.Ordinal));
        }

        // The upgrade changed hello and left echo's files byte for byte as they were.
        var before = Path.Combine(work, "audit", "1.0.0");
        foreach (var (path, text) in manifests)
        {
            var old = Path.Combine(before, path);
            if (path.Contains("echo", StringComparison.Ordinal))
            {
                Assert.Equal(File.ReadAllText(old), text);
            }
        }
        Assert.Contains(manifests, m => m.Key.Contains("hello", StringComparison.Ordinal) && m.Value.Contains(hello11, StringComparison.Ordinal));
    }

    private string Pull(string work, string reference, string folder)
    {
        Run(_hull, work, "bundle", "pull", "-b", reference, "-o", folder);
        return Path.Combine(work, folder);
    }

    private static string Digest(string reference) => reference.Trim()[(reference.Trim().IndexOf('@', StringComparison.Ordinal) + 1)..];

    private string Run(string program, string workingDirectory, params string[] args) =>
        ChildProcess.Run(program, workingDirectory, new Dictionary<string, string>
        {
            ["HULL"] = _hull,
            ["HULL_CONFIG_DIR"] = Path.Combine(_dir, "work", "config"),
            ["HULL_CACHE_DIR"] = Path.Combine(_dir, "work", "cache"),
        }, args);

    [GeneratedRegex(@"(?m)^\s*image: (\S+)$")]
    private static partial Regex ImageLine();
}
