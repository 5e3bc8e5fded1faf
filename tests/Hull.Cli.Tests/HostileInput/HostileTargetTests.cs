using Hull.Packaging.Installing;
using Hull.Packaging.Resources;

namespace Hull.Cli.Tests.HostileInput;

/// <summary>
/// Hostile input, install layer (`hull package install|installed|reconcile` on a <c>dir:</c> target): names that are
/// paths, crafted records, files already gone, leftovers of killed processes. Each test keeps a victim folder beside the
/// target and checks it (and the target's parent) unchanged. Classes covered (add the next one beside them):
/// <list type="bullet">
/// <item>installation names and namespaces that are paths: <c>-n /abs</c>, <c>-n ../x</c>, <c>hello/sub</c> (issue 14 defect 2)</item>
/// <item>install records listing files outside their installation's folder, or naming another installation (defect 2)</item>
/// <item>installation folders already removed by hand; a journal left by a failed delete (defect 3)</item>
/// <item>Secrets and values on disk: database and Secret files 0600 in 0700 folders; template --output-files 0700 as ytt (defect 5)</item>
/// <item>a mistyped target on a read-only command; an unreadable record among good ones; leftover temp files (defect 9)</item>
/// </list>
/// A PackageInstall with a path as namespace in a package's output is covered in Hull.Packaging.Tests' HostileInput.
/// </summary>
public sealed class HostileTargetTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-hostile-target-").FullName;

    public HostileTargetTests()
    {
        Directory.CreateDirectory(Path.Combine(_tmp, "victim"));
        File.WriteAllText(Path.Combine(_tmp, "victim", "keep.txt"), "keep");
    }

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    private string Target => Path.Combine(_tmp, "target");

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await HullApp.RunAsync([.. args, "--target", "dir:" + Target, "--repositories-file", Path.Combine(_tmp, "repositories.yml")], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static void AssertOneLineError(int code, string err, string expected)
    {
        Assert.Equal(1, code);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("hull: error: ", err, StringComparison.Ordinal);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    // Everything outside the target (the victim, the parent's entries).
    private SortedDictionary<string, string> Outside()
    {
        var all = CraftedBundle.Snapshot(_tmp);
        foreach (string key in all.Keys.Where(k => k == "target" || k.StartsWith("target/", StringComparison.Ordinal)).ToList())
        {
            all.Remove(key);
        }
        return all;
    }

    private static Installation App(string name, string ns = "default", string? parent = null) => new()
    {
        Install = new PackageInstall
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns },
            Spec = new PackageInstallSpec { PackageRef = new PackageRef { RefName = "app.corp.com", VersionSelection = new SemverSelection { Constraints = "1.0.0" } } },
        },
        Parent = parent,
        Created = DateTimeOffset.UnixEpoch,
        Succeeded = true,
        Version = "1.0.0",
    };

    private static TargetFile ConfigMap(string name) =>
        new(new ResourceKey("v1", "ConfigMap", "default", name), $"configmap-default-{name}.yml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n");

    private static TargetFile SecretFile(string name) =>
        new(new ResourceKey("v1", "Secret", "default", name), $"secret-default-{name}.yml", $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\nstringData:\n  password: hunter2\n");

    [Theory]
    [InlineData("victim", "ABSOLUTE")]
    [InlineData("victim", "../victim")]
    [InlineData("hello/sub", "default")]
    [InlineData("..", "default")]
    [InlineData("Victim", "default")]
    public async Task NamesAndNamespacesThatArePathsAreRefused(string name, string ns)
    {
        var before = Outside();
        var (code, _, err) = await Run("package", "install", name, "-n", ns == "ABSOLUTE" ? Path.Combine(_tmp, "victim") : ns, "-p", "app.corp.com", "--version", "1.0.0");

        AssertOneLineError(code, err, "is not a valid");
        Assert.Equal(before, Outside());
        Assert.False(Directory.Exists(Target));
    }

    [Theory]
    [InlineData("../../victim/keep.txt")]
    [InlineData("default/other/configmap-default-x.yml")]
    [InlineData("/etc/hostname")]
    public async Task ARecordListingFilesOutsideItsFolderDeletesNothing(string file)
    {
        using (var target = DirectoryTarget.Open(Target))
        {
            target.Deploy(App("other"), [ConfigMap("x")]);
            target.Deploy(App("app"), [ConfigMap("a")]);
        }
        string record = Path.Combine(Target, ".hull", "installs", "default", "app.yml");
        File.WriteAllText(record, File.ReadAllText(record).Replace("default/app/configmap-default-a.yml", file, StringComparison.Ordinal));
        var before = Outside();

        var (code, _, err) = await Run("package", "installed", "delete", "app");

        AssertOneLineError(code, err, $"file '{file}' is outside the folder of installation default/app");
        Assert.Equal(before, Outside());
        Assert.True(File.Exists(Path.Combine(Target, "default", "other", "configmap-default-x.yml")));
    }

    [Fact]
    public async Task ARecordNamingAnotherInstallationOrAPathIsReportedAndTheOthersStillList()
    {
        using (var target = DirectoryTarget.Open(Target))
        {
            target.Deploy(App("good"), [ConfigMap("g")]);
            target.Deploy(App("bad"), [ConfigMap("b")]);
        }
        string bad = Path.Combine(Target, ".hull", "installs", "default", "bad.yml");
        File.WriteAllText(bad, File.ReadAllText(bad).Replace("namespace: default", "namespace: /tmp/x", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(Target, ".hull", "installs", "default", "garbage.yml"), "{{{ not yaml");

        var (code, output, err) = await Run("package", "installed", "list");

        AssertOneLineError(code, err, "2 install record(s) could not be read");
        Assert.Contains("garbage.yml", err, StringComparison.Ordinal);
        Assert.Contains("namespace '/tmp/x' is not a valid namespace name", err, StringComparison.Ordinal);
        Assert.Contains("good", output, StringComparison.Ordinal);
        var (getCode, _, getErr) = await Run("package", "installed", "get", "good");
        Assert.True(getCode == 0, getErr);
    }

    [Fact]
    public async Task DeletingAnInstallationWhoseFolderIsGoneWorksAndLeavesNoJournal()
    {
        using (var target = DirectoryTarget.Open(Target))
        {
            target.Deploy(App("platform"), [ConfigMap("p")]);
            target.Deploy(App("child", parent: "default/platform"), [ConfigMap("c")]);
        }
        Directory.Delete(Path.Combine(Target, "default", "platform"), recursive: true);
        var before = Outside();

        var (code, output, err) = await Run("package", "installed", "delete", "platform");

        Assert.True(code == 0, err);
        Assert.Contains("Deleted default/platform", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Target, ".hull", "journal")));
        Assert.False(Directory.Exists(Path.Combine(Target, "default", "child")));
        var (listCode, listed, listErr) = await Run("package", "installed", "list", "-A");
        Assert.True(listCode == 0, listErr);
        Assert.DoesNotContain("platform", listed, StringComparison.Ordinal);
        Assert.Equal(before, Outside());
    }

    [Fact]
    public async Task AJournalLeftByAFailedDeleteIsRolledForwardByTheNextCommand()
    {
        using (var target = DirectoryTarget.Open(Target))
        {
            target.Deploy(App("platform"), [ConfigMap("p")]);
        }
        Directory.Delete(Path.Combine(Target, "default", "platform"), recursive: true);
        File.WriteAllText(Path.Combine(Target, ".hull", "journal"), "delete\ndefault\nplatform\n\n");
        File.WriteAllText(Path.Combine(Target, ".hull", "journal.tmp-0badf00d"), "half");
        File.WriteAllText(Path.Combine(Target, ".hull", "installs", "default", "platform.yml.tmp-0badf00d"), "half");

        var (code, output, err) = await Run("package", "installed", "list", "-A");

        Assert.True(code == 0, err);
        Assert.DoesNotContain("platform", output, StringComparison.Ordinal);
        Assert.Equal(["installs", "lock", "tmp"], Directory.GetFileSystemEntries(Path.Combine(Target, ".hull")).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFiles(Path.Combine(Target, ".hull", "installs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void SecretsAndTheDatabaseAreReadableByTheOwnerOnly()
    {
        using (var target = DirectoryTarget.Open(Target))
        {
            target.Deploy(App("app") with { Values = [Secret.ForValues("app-default-values", "default", new Dictionary<string, string> { ["v.yml"] = "password: hunter2\n" })] }, [SecretFile("s"), ConfigMap("c")]);
            target.Deploy(App("plain"), [ConfigMap("p")]);
        }
        const UnixFileMode Group = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        foreach (string dir in new[] { ".hull", ".hull/installs", ".hull/installs/default", "default/app" })
        {
            Assert.True((File.GetUnixFileMode(Path.Combine(Target, dir)) & Group) == 0, $"{dir} is {File.GetUnixFileMode(Path.Combine(Target, dir))}");
        }
        foreach (string file in new[] { ".hull/installs/default/app.yml", "default/app/secret-default-s.yml" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Target, file)));
        }
        Assert.NotEqual((UnixFileMode)0, File.GetUnixFileMode(Path.Combine(Target, "default", "plain")) & UnixFileMode.OtherRead);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("get")]
    [InlineData("delete")]
    public async Task AMistypedTargetIsReportedNotCreated(string command)
    {
        var before = Outside();
        var (code, _, err) = command == "list" ? await Run("package", "installed", command) : await Run("package", "installed", command, "app");

        AssertOneLineError(code, err, $"target dir:{Target} does not exist");
        Assert.False(Directory.Exists(Target));
        Assert.Equal(before, Outside());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task TemplateOutputFilesAreOwnerOnlyAsYttWritesThem()
    {
        File.WriteAllText(Path.Combine(_tmp, "secret.yml"), "apiVersion: v1\nkind: Secret\nstringData:\n  password: hunter2\n");
        string output = Path.Combine(_tmp, "rendered");

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await HullApp.RunAsync(["template", "-f", Path.Combine(_tmp, "secret.yml"), "--output-files", output], stdout, stderr, CancellationToken.None);

        Assert.True(code == 0, stderr.ToString());
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(output));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(output, "secret.yml")));
    }

    [Fact]
    public async Task TemplateOutputFilesRemovesWhatAKilledRenderLeftBehind()
    {
        File.WriteAllText(Path.Combine(_tmp, "cm.yml"), "apiVersion: v1\nkind: ConfigMap\n");
        string output = Path.Combine(_tmp, "rendered");
        // A render killed with -9 leaves its temp sibling, named after its process; a running one's is left alone.
        using var gone = System.Diagnostics.Process.Start("true")!;
        await gone.WaitForExitAsync();
        string abandoned = Path.Combine(_tmp, $".rendered.hull-{gone.Id}-0123abcd");
        string running = Path.Combine(_tmp, $".rendered.hull-{Environment.ProcessId}-4567ef01");
        foreach (string dir in new[] { abandoned, running })
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "half.yml"), "kind: Sec");
        }

        int code = await HullApp.RunAsync(["template", "-f", Path.Combine(_tmp, "cm.yml"), "--output-files", output], new StringWriter(), new StringWriter(), CancellationToken.None);

        Assert.Equal(0, code);
        Assert.False(Directory.Exists(abandoned));
        Assert.True(Directory.Exists(running));
        Assert.True(File.Exists(Path.Combine(output, "cm.yml")));
        string[] expected = ["cm.yml", "rendered", "victim", Path.GetFileName(running)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFileSystemEntries(_tmp).Select(e => Path.GetFileName(e)!).Order(StringComparer.Ordinal));
    }
}
