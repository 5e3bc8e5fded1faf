using System.Text.RegularExpressions;
using Hull.Cli;

namespace Hull.Cli.Tests;

/// <summary>
/// Installs that tell the truth (issue 17), on the embedded store (OCI layout folders, no registry) with dir: targets:
/// failures exit 1, the target checks what a cluster checks (service accounts, namespaces, CRDs, dependency order),
/// releases never move a released version's tag, the kapp-controller dry-run is kctrl's byte for byte, and the
/// tanzu commands users reach for.
/// </summary>
[Collection("HULL_CACHE_DIR")] // InstallTruthTests and PackageInstallCommandTests set it process-wide: never run them at once
public sealed class InstallTruthTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-truth-").FullName;

    public InstallTruthTests() => Environment.SetEnvironmentVariable("HULL_CACHE_DIR", Path.Combine(_tmp, "cache"));

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    private string Store => "oci:" + Path.Combine(_tmp, "store");

    private string Target => "dir:" + Path.Combine(_tmp, "target");

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] all = args[0] == "bundle" ? args : [.. args, "--repositories-file", Path.Combine(_tmp, "repositories.yml")];
        int code = await HullApp.RunAsync(all, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<string> Ok(params string[] args)
    {
        var (code, output, err) = await Run(args);
        Assert.True(code == 0, $"hull {string.Join(' ', args)} exited {code}:\n{output}\n{err}");
        return output;
    }

    private string Write(string path, string text)
    {
        string full = Path.Combine(_tmp, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    // A package folder (package.yml, package-metadata.yml) with the given config files, released into the repository.
    private async Task Release(string refName, string version, Dictionary<string, string> config, string repo = "repo")
    {
        string dir = Path.Combine(_tmp, "packages", refName);
        if (!File.Exists(Path.Combine(dir, "package.yml")))
        {
            Directory.CreateDirectory(Path.Combine(dir, "config"));
            File.WriteAllText(Path.Combine(dir, "config", "placeholder.yml"), "#! replaced below\n");
            await Ok("package", "init", refName, "--dir", dir, "--from-config");
        }
        foreach (string file in Directory.GetFiles(Path.Combine(dir, "config")))
        {
            File.Delete(file);
        }
        foreach (var (name, text) in config)
        {
            File.WriteAllText(Path.Combine(dir, "config", name), text);
        }
        await Ok("package", "release", dir, "-b", $"{Store}/{refName}", "--version", version, "--repo", $"{Store}/{repo}:1");
    }

    private static string Installs(params (string Name, string RefName, string ServiceAccount)[] installs) => string.Join("", installs.Select(i => $"""
        ---
        apiVersion: packaging.carvel.dev/v1alpha1
        kind: PackageInstall
        metadata:
          name: {i.Name}
        spec:
          serviceAccountName: {i.ServiceAccount}
          packageRef:
            refName: {i.RefName}
            versionSelection:
              constraints: 1.0.0

        """));

    private static string ConfigMap(string name, string ns) => $"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\n";

    private const string ServiceAccount = "---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: meta-sa\n  namespace: default\n";

    [Fact]
    public async Task AnInstallWhoseChildrenFailExitsOneAndSaysWhichOnce()
    {
        await Release("leaf.corp.com", "1.0.0", new() { ["cm.yml"] = ConfigMap("leaf", "default") });
        // One child names a package no repository has, one a service account nothing creates.
        await Release("meta.corp.com", "1.0.0", new()
        {
            ["installs.yml"] = ServiceAccount + Installs(("good", "leaf.corp.com", "meta-sa"), ("missing", "nope.corp.com", "meta-sa"), ("no-sa", "leaf.corp.com", "platform-sa")),
        });
        await Ok("repo", "add", "main", $"{Store}/repo:1");

        var (code, output, err) = await Run("package", "install", "meta", "-p", "meta.corp.com", "-v", "1.0.0", "--target", Target);

        Assert.Equal(1, code);
        Assert.Matches(@"(?m)^good +leaf\.corp\.com +1\.0\.0 +Reconcile succeeded", output);
        Assert.Matches(@"(?m)^meta +meta\.corp\.com +1\.0\.0 +Reconcile succeeded", output);
        Assert.Matches(@"(?m)^missing +nope\.corp\.com +Reconcile failed", output);
        Assert.Contains("default/no-sa: Preparing kapp: Getting service account: serviceaccounts \"platform-sa\" not found (namespace default)\n", output, StringComparison.Ordinal);
        Assert.Equal("hull: error: 2 installations failed to reconcile: default/missing, default/no-sa\n", err);
        // Each failure's message is printed once.
        Assert.Single(Regex.Matches(output + err, "nope.corp.com' is in none of the repositories"));

        // hull reconcile exits 1 too while they fail; with --wait nothing can progress, said at once.
        var (again, _, againErr) = await Run("reconcile", "--target", Target, "--wait", "--wait-timeout", "5s");
        Assert.Equal(1, again);
        Assert.Equal("hull: error: 2 installations cannot progress: default/missing, default/no-sa\n", againErr);

        // The message that names a command names one that works: a child is changed through its parent.
        var (dupCode, _, dupErr) = await Run("package", "install", "good", "-p", "leaf.corp.com", "-v", "1.0.0", "--target", Target);
        Assert.Equal(1, dupCode);
        Assert.Equal("hull: error: installation default/good already exists, installed by default/meta; change that installation's values ('hull package installed update meta -f VALUES')\n", dupErr);
    }

    [Fact]
    public async Task WaitTimeoutTakesGoDurations()
    {
        var (code, _, err) = await Run("package", "install", "x", "-p", "x.corp.com", "-v", "1.0.0", "--wait", "--wait-timeout", "00:02:00", "--target", Target);
        Assert.Equal(2, code);
        Assert.StartsWith("hull: --wait-timeout: invalid duration \"00:02:00\"", err, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(90), Hull.Cli.Commands.GoDuration.Parse("1h30m"));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Hull.Cli.Commands.GoDuration.Parse("1.5s"));
        Assert.Equal("5m0s", Hull.Cli.Commands.GoDuration.Format(TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task NamespacesMustExistAsOnACluster()
    {
        await Release("app.corp.com", "1.0.0", new() { ["cm.yml"] = ConfigMap("app", "apps") });
        await Release("ns.corp.com", "1.0.0", new() { ["ns.yml"] = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n" });
        await Release("made.corp.com", "1.0.0", new() { ["cm.yml"] = ConfigMap("made", "made") });
        await Ok("repo", "add", "main", $"{Store}/repo:1");

        // The ConfigMap's namespace exists nowhere: kapp's message, exit 1, nothing written.
        var (code, output, _) = await Run("package", "install", "app", "-p", "app.corp.com", "-v", "1.0.0", "--target", Target);
        Assert.Equal(1, code);
        Assert.Contains("default/app: kapp: Error: Creating resource configmap/app (v1) namespace: apps: API server says: namespaces \"apps\" not found (reason: NotFound)", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_tmp, "target", "default", "app")));

        // Another installation creates it: the retry succeeds.
        await Ok("package", "install", "ns", "-p", "ns.corp.com", "-v", "1.0.0", "--target", Target);
        await Ok("reconcile", "--target", Target);
        Assert.True(File.Exists(Path.Combine(_tmp, "target", "default", "app", "configmap-apps-app.yml")));

        // The installation's own namespace: refused unless created or declared as existing.
        var (nsCode, _, nsErr) = await Run("package", "install", "other", "-p", "ns.corp.com", "-v", "1.0.0", "-n", "team", "--target", Target);
        Assert.Equal(1, nsCode);
        Assert.StartsWith("hull: error: namespaces \"team\" not found in dir:", nsErr, StringComparison.Ordinal);
        var (declared, _, _) = await Run("package", "install", "other", "-p", "app.corp.com", "-v", "1.0.0", "-n", "team", "--existing-namespace", "team", "--target", Target);
        Assert.Equal(1, declared); // apps/app already belongs to default/app: a conflict, but not the namespace
        Assert.Contains("team", File.ReadAllText(Path.Combine(_tmp, "target", ".hull", "namespaces")), StringComparison.Ordinal);
        await Ok("package", "install", "third", "-p", "made.corp.com", "-v", "1.0.0", "-n", "made", "--create-namespace", "--target", Target, "--repo", "main");
    }

    [Fact]
    public async Task ReReleasingChangedContentAsAReleasedVersionMovesNothing()
    {
        await Release("app.corp.com", "1.0.0", new() { ["cm.yml"] = ConfigMap("app", "default") });
        string before = TagDigest("app.corp.com", "1.0.0");

        // The same content again is harmless (same bundle digest, same release date).
        await Release("app.corp.com", "1.0.0", new() { ["cm.yml"] = ConfigMap("app", "default") });
        Assert.Equal(before, TagDigest("app.corp.com", "1.0.0"));

        string dir = Path.Combine(_tmp, "packages", "app.corp.com");
        File.WriteAllText(Path.Combine(dir, "config", "cm.yml"), ConfigMap("changed", "default"));
        var (code, _, err) = await Run("package", "release", dir, "-b", $"{Store}/app.corp.com", "--version", "1.0.0", "--repo", $"{Store}/repo:1");

        Assert.Equal(1, code);
        Assert.Contains("is already released", err, StringComparison.Ordinal);
        Assert.Contains("released versions are immutable, release a new version (nothing was pushed)", err, StringComparison.Ordinal);
        Assert.Equal(before, TagDigest("app.corp.com", "1.0.0"));
    }

    // The digest a tag of the layout store points at (its index.json names each tag).
    private string TagDigest(string repository, string tag)
    {
        string index = File.ReadAllText(Path.Combine(_tmp, "store", repository, "index.json"));
        var matches = Regex.Matches(index, "\"digest\":\"(sha256:[0-9a-f]{64})\",\"annotations\":\\{\"org.opencontainers.image.ref.name\":\"" + Regex.Escape(tag) + "\"");
        return Assert.Single(matches).Groups[1].Value;
    }

    [Fact]
    public async Task TheKappControllerDryRunIsKctrlsByteForByte()
    {
        await Release("app.corp.com", "1.0.0", new() { ["cm.yml"] = ConfigMap("app", "default") });
        await Ok("repo", "add", "main", $"{Store}/repo:1");
        string values = Write("values.yml", "replicas: 2\nname: demo\n");
        string kctrl = Path.Combine(ReferenceTools(), "kctrl");

        foreach (var (hullArgs, kctrlArgs) in new (string[], string[])[]
        {
            (["-n", "apps", "-f", values], ["-n", "apps", "--values-file", values]),
            (["-n", "apps"], ["-n", "apps"]),
            (["-n", "default", "--dangerous-allow-use-of-shared-namespace", "-f", values], ["-n", "default", "--dangerous-allow-use-of-shared-namespace", "--values-file", values]),
            (["-n", "apps", "--service-account-name", "deployer", "-f", values], ["-n", "apps", "--service-account-name", "deployer", "--values-file", values]),
        })
        {
            var (code, output, err) = await Run(["package", "install", "my-app", "-p", "app.corp.com", "-v", "1.0.0", "--target", "kapp-controller", "--dry-run", .. hullArgs]);
            var (kctrlCode, kctrlOut) = RunTool(kctrl, ["package", "install", "-i", "my-app", "-p", "app.corp.com", "-v", "1.0.0", "--dry-run", "--kubeconfig", "/nonexistent", .. kctrlArgs]);
            Assert.True(code == 0, err);
            Assert.Equal(0, kctrlCode);
            Assert.Equal(kctrlOut, output);
        }

        // Both refuse the shared namespace without the flag; Hull also refuses a package no repository has.
        var (shared, _, sharedErr) = await Run("package", "install", "my-app", "-p", "app.corp.com", "-v", "1.0.0", "--target", "kapp-controller", "--dry-run");
        Assert.Equal(1, shared);
        Assert.StartsWith("hull: error: Creating sensitive resources in a shared namespace (default)", sharedErr, StringComparison.Ordinal);
        Assert.Equal(1, RunTool(kctrl, ["package", "install", "-i", "my-app", "-p", "app.corp.com", "-v", "1.0.0", "--dry-run", "-n", "default", "--kubeconfig", "/nonexistent"]).Code);
        var (unknown, _, unknownErr) = await Run("package", "install", "my-app", "-p", "nope.corp.com", "-v", "1.0.0", "-n", "apps", "--target", "kapp-controller", "--dry-run");
        Assert.Equal(1, unknown);
        Assert.StartsWith("hull: error: package 'nope.corp.com' is in none of the repositories", unknownErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTanzuCommandsUsersReachFor()
    {
        const string schema = "#@data/values-schema\n---\n#@schema/desc \"The greeting\"\ngreeting: hello\n";
        const string config = "#@ load(\"@ytt:data\", \"data\")\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: default\ndata:\n  greeting: #@ data.values.greeting\n";
        await Release("app.corp.com", "1.0.0", new() { ["schema.yml"] = schema, ["cm.yml"] = config });
        await Ok("repo", "add", "main", $"{Store}/repo:0");
        Assert.Equal($"Updated repository 'main' ({Store}/repo:0 -> {Store}/repo:1)\n", await Ok("repo", "update", "main", $"{Store}/repo:1"));

        Assert.Matches(@"^KEY +DEFAULT +TYPE +DESCRIPTION\ngreeting +hello +string +The greeting\n$", await Ok("package", "available", "get", "app.corp.com/1.0.0", "--values-schema"));

        string values = Write("values.yml", "greeting: hi\n");
        await Ok("package", "install", "app", "-p", "app.corp.com", "-v", "1.0.0", "-f", values, "--target", Target);
        string saved = Path.Combine(_tmp, "saved.yml");
        await Ok("package", "installed", "get", "app", "--values-file-output", saved, "--target", Target);
        Assert.Equal("greeting: hi\n", File.ReadAllText(saved));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(saved));
        }

        // update --dry-run: the diff of each file the update would change, nothing written.
        Write("values.yml", "greeting: hey\n");
        string diff = await Ok("package", "installed", "update", "app", "-f", values, "--dry-run", "--target", Target);
        Assert.Contains("--- a/default/app/configmap-default-app.yml\n+++ b/default/app/configmap-default-app.yml\n", diff, StringComparison.Ordinal);
        Assert.Contains("-  greeting: hi\n+  greeting: hey\n", diff, StringComparison.Ordinal);
        Assert.Contains("greeting: hi", File.ReadAllText(Path.Combine(_tmp, "target", "default", "app", "configmap-default-app.yml")), StringComparison.Ordinal);

        // tanzu's list columns, and rows for scripts.
        Assert.Matches(@"^NAME +PACKAGE-NAME +PACKAGE-VERSION +STATUS\napp +app\.corp\.com +1\.0\.0 +Reconcile succeeded\n$", await Ok("package", "installed", "list", "--target", Target));
        Assert.Equal("- name: app\n  package-name: app.corp.com\n  package-version: 1.0.0\n  status: Reconcile succeeded\n", await Ok("package", "installed", "list", "-o", "yaml", "--target", Target));
        Assert.Equal("[\n  {\n    \"name\": \"app\",\n    \"namespace\": \"default\",\n    \"package-name\": \"app.corp.com\",\n    \"package-version\": \"1.0.0\",\n    \"status\": \"Reconcile succeeded\"\n  }\n]\n",
            await Ok("package", "installed", "list", "-A", "-o", "json", "--target", Target));
    }

    [Fact]
    public async Task TreeListsEveryMissingPackage()
    {
        await Release("meta.corp.com", "1.0.0", new() { ["installs.yml"] = Installs(("a", "a.corp.com", "sa"), ("b", "b.corp.com", "sa")) });
        string values = Write("values.yml", "{}\n");
        var (code, _, err) = await Run("package", "tree", "meta.corp.com/1.0.0", "-f", values, "--repo", $"{Store}/repo:1");
        Assert.Equal(1, code);
        Assert.StartsWith("hull: error: 2 PackageInstalls cannot be resolved:\n", err, StringComparison.Ordinal);
        Assert.Contains("PackageInstall 'a' needs package 'a.corp.com'", err, StringComparison.Ordinal);
        Assert.Contains("PackageInstall 'b' needs package 'b.corp.com'", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowAndReleaseTellTheTruthAboutValuesAndLocks()
    {
        string dir = Path.Combine(_tmp, "packages", "plain.corp.com");
        Directory.CreateDirectory(Path.Combine(dir, "config"));
        File.WriteAllText(Path.Combine(dir, "config", "values.yml"), "#@data/values\n---\nreplicas: 1\nname: plain\n");
        File.WriteAllText(Path.Combine(dir, "config", "cm.yml"), "#@ load(\"@ytt:data\", \"data\")\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: #@ data.values.name\n");
        await Ok("package", "init", "plain.corp.com", "--dir", dir, "--from-config");
        var (code, _, err) = await Run("package", "release", dir, "-b", $"{Store}/plain", "--version", "1.0.0", "--repo", $"{Store}/repo:1");
        Assert.True(code == 0, err);
        Assert.Contains("Warning: config/ takes plain data values without a schema: install-time values are not checked", err, StringComparison.Ordinal);

        string show = await Ok("package", "show", "plain.corp.com/1.0.0", "--repo", $"{Store}/repo:1");
        Assert.Contains("Values:   plain data values, no schema (install-time values are not checked): defaults in config/values.yml; keys: replicas, name", show, StringComparison.Ordinal);

        // A repository in an OCI layout store locks its package bundles as a registry repository does.
        string pulled = Path.Combine(_tmp, "pulled");
        await Ok("bundle", "pull", "-b", $"{Store}/repo:1", "-o", pulled);
        // kbld writes each entry's annotations (kbld.carvel.dev/id) before its image.
        Assert.Matches(@"(?m)^  image: oci:.*/store/plain@sha256:[0-9a-f]{64}$", File.ReadAllText(Path.Combine(pulled, ".imgpkg", "images.yml")));
    }

    private static string ReferenceTools() => ChildProcess.Run(TestPaths.Shared("reference", "install"), Environment.CurrentDirectory, null).Trim();

    private static (int Code, string Out) RunTool(string program, string[] args)
    {
        var (code, output, _) = ChildProcess.Execute(program, Environment.CurrentDirectory, null, args);
        return (code, output);
    }
}
