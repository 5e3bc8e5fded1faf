using Hull.Packaging.Installing;
using Hull.Packaging.Resources;

namespace Hull.Packaging.Tests.Installing;

public sealed class DirectoryTargetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hull-dir-target-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    internal static Installation App(string name = "app") => new()
    {
        Install = new PackageInstall
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PackageInstallSpec { PackageRef = new PackageRef { RefName = "app.corp.com", VersionSelection = new SemverSelection { Constraints = "1.0.0" } }, ServiceAccountName = "sa" },
        },
        Created = DateTimeOffset.UnixEpoch,
        Succeeded = true,
        Version = "1.0.0",
    };

    private static TargetFile ConfigMap(string name, string data) =>
        new(new ResourceKey("v1", "ConfigMap", "default", name), $"configmap-default-{name}.yml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  v: {data}\n");

    [Fact]
    public void TheRecordRoundTripsAsAValidPackageInstall()
    {
        using var target = DirectoryTarget.Open(_root);
        var deployed = target.Deploy(App() with { Provides = ["cert-manager.io/Issuer"], Bundle = "r/app@sha256:00", ValuesDigest = "sha256:11" }, [ConfigMap("a", "1")]);

        var read = target.Find("default", "app")!;

        Assert.Equal(deployed.Resources, read.Resources);
        Assert.Equal(["default/app/configmap-default-a.yml"], read.Files);
        Assert.Equal(["cert-manager.io/Issuer"], read.Provides);
        Assert.Equal(("1.0.0", "r/app@sha256:00", "sha256:11", true), (read.Version, read.Bundle, read.ValuesDigest, read.Succeeded));
        var record = Hull.Packaging.Resources.Serialization.ResourceYaml.Read(File.ReadAllText(Path.Combine(_root, ".hull", "installs", "default", "app.yml")), "app.yml");
        Schemas.CrdSchemas.AssertValid(record.Documents[0].Resource);
    }

    [Fact]
    public void AnInstallKilledBeforeTheSwapLeavesTheTargetAsItWas()
    {
        using (var target = DirectoryTarget.Open(_root))
        {
            target.Deploy(App(), [ConfigMap("a", "1")]);
        }
        // What a process killed between staging and swapping leaves: a staged folder, a pending record, the journal.
        string tmp = Path.Combine(_root, ".hull", "tmp");
        Directory.CreateDirectory(Path.Combine(tmp, "x1"));
        File.WriteAllText(Path.Combine(tmp, "x1", "configmap-default-a.yml"), "half");
        File.WriteAllText(Path.Combine(tmp, "x1.record"), "half");
        Directory.Move(Path.Combine(_root, "default", "app"), Path.Combine(tmp, "x1.old"));
        File.WriteAllText(Path.Combine(_root, ".hull", "journal"), "deploy\ndefault\napp\nx1\n");

        using (var target = DirectoryTarget.Open(_root))
        {
            Assert.Contains("v: 1", File.ReadAllText(Path.Combine(_root, "default", "app", "configmap-default-a.yml")), StringComparison.Ordinal);
            Assert.Equal("1.0.0", target.Find("default", "app")!.Version);
            Assert.Empty(Directory.EnumerateFileSystemEntries(tmp));
            Assert.False(File.Exists(Path.Combine(_root, ".hull", "journal")));
        }
    }

    [Fact]
    public void AnInstallKilledAfterTheSwapIsCompleted()
    {
        using (var target = DirectoryTarget.Open(_root))
        {
            target.Deploy(App(), [ConfigMap("a", "1")]);
        }
        string tmp = Path.Combine(_root, ".hull", "tmp");
        var upgraded = App() with { Version = "2.0.0", Resources = [ConfigMap("a", "2").Key], Files = ["default/app/configmap-default-a.yml"] };
        File.WriteAllText(Path.Combine(tmp, "x2.record"), InstallationYaml.Emit(upgraded));
        Directory.Move(Path.Combine(_root, "default", "app"), Path.Combine(tmp, "x2.old"));
        Directory.CreateDirectory(Path.Combine(_root, "default", "app"));
        File.WriteAllText(Path.Combine(_root, "default", "app", "configmap-default-a.yml"), ConfigMap("a", "2").Text);
        File.WriteAllText(Path.Combine(_root, ".hull", "journal"), "deploy\ndefault\napp\nx2\n");

        using var reopened = DirectoryTarget.Open(_root);
        Assert.Equal("2.0.0", reopened.Find("default", "app")!.Version);
        Assert.Contains("v: 2", File.ReadAllText(Path.Combine(_root, "default", "app", "configmap-default-a.yml")), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp));
    }

    [Fact]
    public void ConflictsAreFoundBeforeAnythingIsWrittenAndOneProcessHoldsTheTarget()
    {
        using var target = DirectoryTarget.Open(_root);
        target.Deploy(App("one"), [ConfigMap("shared", "1")]);

        var error = Assert.Throws<InstallException>(() => target.Deploy(App("two"), [ConfigMap("mine", "1"), ConfigMap("shared", "2")]));

        Assert.Equal("conflict: ConfigMap default/shared (v1) belongs to installation default/one; nothing was written", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_root, "default", "two")));
        Assert.Null(target.Find("default", "two"));
        var busy = Assert.Throws<InstallException>(() => DirectoryTarget.Open(_root));
        Assert.Contains("in use by another hull process", busy.Message, StringComparison.Ordinal);
    }
}
