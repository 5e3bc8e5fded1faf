using Hull.Cli;

namespace Hull.Cli.Tests;

/// <summary>
/// `hull package release`, `install`, `installed list|get|update|delete|kick` and `hull reconcile` end to end against
/// the test registry (HULL_TEST_REGISTRY), with a dir: target in a temp folder.
/// </summary>
[Collection("HULL_CACHE_DIR")] // InstallTruthTests and PackageInstallCommandTests set it process-wide: never run them at once
public sealed class PackageInstallCommandTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-cli-install-").FullName;

    public PackageInstallCommandTests() => Environment.SetEnvironmentVariable("HULL_CACHE_DIR", Path.Combine(_tmp, "cache"));

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    private static string Registry =>
        RegistryUnderTest.Host;

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await HullApp.RunAsync([.. args, "--repositories-file", Path.Combine(_tmp, "repositories.yml")], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private void Write(string path, string text)
    {
        string full = Path.Combine(_tmp, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    [Fact]
    public async Task AnInstallTheApiServerWouldRejectExitsOneAndWritesNothing()
    {
        string prefix = $"{Registry}/cli-{Guid.NewGuid():N}";
        string app = Path.Combine(_tmp, "web");
        var (initCode, _, initErr) = await Run("package", "init", "web.corp.com", "--dir", app);
        Assert.True(initCode == 0, initErr);
        Write("web/config/deployment.yml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
            """);
        var (code, _, err) = await Run("package", "release", app, "-b", $"{prefix}/web", "--version", "1.0.0", "--repo", $"{prefix}/repo:latest");
        Assert.True(code == 0, err);
        Assert.Equal(0, (await Run("repo", "add", "main", $"{prefix}/repo:latest")).Code);

        var (installCode, installOut, installErr) = await Run("package", "install", "web", "-p", "web.corp.com", "--version", "1.0.0", "--target", "dir:" + Path.Combine(_tmp, "target"));

        Assert.Equal(1, installCode);
        Assert.Contains("default/web: package web.corp.com 1.0.0 renders a resource the API server rejects (nothing was written): kapp: Error: Creating resource deployment/web (apps/v1) namespace: default: API server says: Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].image: Required value (reason: Invalid)\n", installOut, StringComparison.Ordinal);
        Assert.Equal("hull: error: 1 installation failed to reconcile: default/web\n", installErr);
        Assert.False(Directory.Exists(Path.Combine(_tmp, "target", "default", "web")));
    }

    [Fact]
    public async Task ReleaseInstallUpdateListAndDelete()
    {
        string prefix = $"{Registry}/cli-{Guid.NewGuid():N}";
        string app = Path.Combine(_tmp, "app");
        var (initCode, _, initErr) = await Run("package", "init", "app.corp.com", "--dir", app);
        Assert.True(initCode == 0, initErr);
        Write("app/config/config.yml", """
            #@ load("@ytt:data", "data")
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app
              namespace: #@ data.values.namespace
            """);

        // A version that is not semver is refused naming the flag; nothing is pushed.
        var (badCode, _, badErr) = await Run("package", "release", app, "-b", $"{prefix}/app", "--version", "one");
        Assert.Equal(1, badCode);
        Assert.Equal("hull: error: --version: 'one' is not a semantic version (e.g. 1.2.3, 1.0.0-rc.1)\n", badErr);

        foreach (string version in new[] { "1.0.0", "1.1.0" })
        {
            var (code, output, err) = await Run("package", "release", app, "-b", $"{prefix}/app", "--version", version, "--repo", $"{prefix}/repo:latest");
            Assert.True(code == 0, err);
            Assert.Contains($"version: {version}", output, StringComparison.Ordinal);
        }
        var (addCode, _, addErr) = await Run("repo", "add", "main", $"{prefix}/repo:latest");
        Assert.True(addCode == 0, addErr);

        string target = "dir:" + Path.Combine(_tmp, "target");
        Write("values.yml", "namespace: first\n");
        var (installCode, installOut, installErr) = await Run("package", "install", "app", "-p", "app.corp.com", "--version", "1.0.0", "--values-file", Path.Combine(_tmp, "values.yml"), "--target", target, "--existing-namespace", "first", "--existing-namespace", "second");
        Assert.True(installCode == 0, installErr);
        Assert.Matches(@"^NAME +PACKAGE NAME +PACKAGE VERSION +DESCRIPTION +AGE\napp +app.corp.com +1.0.0 +Reconcile succeeded +\d+s\n$", installOut);
        Assert.True(File.Exists(Path.Combine(_tmp, "target", "default", "app", "configmap-first-app.yml")));

        // Values that break the schema: the status says why in one line, exit 1, the installed files stay.
        Write("bad.yml", "namespace: [not, a, string]\n");
        var (failCode, failOut, failErr) = await Run("package", "installed", "update", "app", "--values-file", Path.Combine(_tmp, "bad.yml"), "--target", target);
        Assert.Equal(1, failCode);
        Assert.Contains("Reconcile failed: Error (see .status.usefulErrorMessage for details)", failOut, StringComparison.Ordinal);
        Assert.Contains("default/app: values do not match the values schema of app.corp.com 1.0.0: namespace: expected string, got array (an array)\ndefault/app: the installed files are unchanged\n", failOut, StringComparison.Ordinal);
        Assert.Equal("hull: error: 1 installation failed to reconcile: default/app\n", failErr);
        Assert.True(File.Exists(Path.Combine(_tmp, "target", "default", "app", "configmap-first-app.yml")));

        Write("values.yml", "namespace: second\n");
        var (updateCode, _, updateErr) = await Run("package", "installed", "update", "app", "--version-constraint", ">=1.0.0", "--values-file", Path.Combine(_tmp, "values.yml"), "--target", target);
        Assert.True(updateCode == 0, updateErr);
        Assert.Equal(["configmap-second-app.yml"], Directory.GetFiles(Path.Combine(_tmp, "target", "default", "app")).Select(Path.GetFileName));

        var (listCode, listOut, _) = await Run("package", "installed", "list", "--target", target);
        Assert.Equal(0, listCode);
        Assert.Matches(@"app +app.corp.com +1.1.0 +Reconcile succeeded", listOut);
        var (getCode, getOut, _) = await Run("package", "installed", "get", "app", "--target", target);
        Assert.Equal(0, getCode);
        Assert.Contains("VERSION-CONSTRAINTS:     >=1.0.0", getOut, StringComparison.Ordinal);
        var (kickCode, _, kickErr) = await Run("package", "installed", "kick", "app", "--target", target);
        Assert.True(kickCode == 0, kickErr);
        var (reconcileCode, _, reconcileErr) = await Run("reconcile", "--target", target);
        Assert.True(reconcileCode == 0, reconcileErr);

        var (deleteCode, deleteOut, _) = await Run("package", "installed", "delete", "app", "--target", target);
        Assert.Equal(0, deleteCode);
        Assert.Equal("Deleted default/app (1 files)\n", deleteOut);
        Assert.False(Directory.Exists(Path.Combine(_tmp, "target", "default", "app")));

        var (missingCode, missingOut, missingErr) = await Run("package", "install", "x", "-p", "app.corp.com", "--version", "9.9.9", "--target", target);
        Assert.Equal(1, missingCode);
        Assert.Contains("default/x: package 'app.corp.com' in repository", missingOut, StringComparison.Ordinal);
        Assert.Equal("hull: error: 1 installation failed to reconcile: default/x\n", missingErr);
    }
}
