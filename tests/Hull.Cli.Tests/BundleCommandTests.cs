using Hull.Cli;

namespace Hull.Cli.Tests;

public sealed class BundleCommandTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-cli-bundle-").FullName;

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    private static string Registry =>
        RegistryUnderTest.Host;

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await HullApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Bundle()
    {
        string dir = Path.Combine(_tmp, "bundle");
        Directory.CreateDirectory(Path.Combine(dir, ".imgpkg"));
        Directory.CreateDirectory(Path.Combine(dir, "config"));
        File.WriteAllText(Path.Combine(dir, ".imgpkg", "images.yml"), "---\napiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\n");
        File.WriteAllText(Path.Combine(dir, "config", "values.yml"), "#@data/values\n---\ndomain: example.com\n");
        return dir;
    }

    [Fact]
    public async Task PushPrintsImgpkgOutputAndLock()
    {
        string repo = $"{Registry}/cli-push-{Guid.NewGuid():N}";
        string lockFile = Path.Combine(_tmp, "bundle.lock.yml");
        var (code, output, err) = await Run("bundle", "push", "-b", repo + ":1d", "-f", Bundle(), "--lock-output", lockFile);
        Assert.True(code == 0, err);
        string[] lines = output.TrimEnd().Split('\n');
        Assert.Equal(["dir: .", "dir: .imgpkg", "file: .imgpkg/images.yml", "dir: config", "file: config/values.yml"], lines[..5]);
        Assert.Matches($"^Pushed '{System.Text.RegularExpressions.Regex.Escape(repo)}@sha256:[0-9a-f]{{64}}'$", lines[5]);
        Assert.Equal("Succeeded", lines[6]);
        string digestRef = lines[5][8..^1];
        Assert.Equal($"---\napiVersion: imgpkg.carvel.dev/v1alpha1\nbundle:\n  image: {digestRef}\n  tag: 1d\nkind: BundleLock\n", File.ReadAllText(lockFile));

        var (resolveCode, resolved, _) = await Run("bundle", "tag", "resolve", "-i", repo + ":1d");
        Assert.Equal(0, resolveCode);
        Assert.Equal(digestRef, resolved.Trim());

        var (listCode, tags, _) = await Run("bundle", "tag", "list", "-i", repo);
        Assert.Equal(0, listCode);
        Assert.Contains("\n1d\n", tags);

        string outDir = Path.Combine(_tmp, "pulled");
        var (pullCode, pulled, pullErr) = await Run("bundle", "pull", "--lock", lockFile, "-o", outDir);
        Assert.True(pullCode == 0, pullErr);
        Assert.StartsWith($"Pulling bundle '{digestRef}'", pulled);
        Assert.Equal("#@data/values\n---\ndomain: example.com\n", File.ReadAllText(Path.Combine(outDir, "config", "values.yml")));
    }

    [Fact]
    public async Task CopyToLayoutAndDescribe()
    {
        string repo = $"{Registry}/cli-copy-{Guid.NewGuid():N}";
        var (code, _, err) = await Run("bundle", "push", "-b", repo + ":v1", "-f", Bundle());
        Assert.True(code == 0, err);
        string layout = "oci:" + Path.Combine(_tmp, "layout");
        string lockFile = Path.Combine(_tmp, "copy.lock.yml");
        var (copyCode, copied, copyErr) = await Run("bundle", "copy", "-b", repo + ":v1", "--to-repo", layout, "--lock-output", lockFile);
        Assert.True(copyCode == 0, copyErr);
        Assert.Contains("copy | exporting 1 images...", copied);
        Assert.EndsWith("Succeeded\n", copied);
        Assert.Contains($"image: {layout}@sha256:", File.ReadAllText(lockFile));

        var (describeCode, described, describeErr) = await Run("bundle", "describe", "-b", layout + ":v1");
        Assert.True(describeCode == 0, describeErr);
        Assert.StartsWith("Bundle SHA: sha256:", described);
    }

    [Theory]
    [InlineData("bundle", "push", "-b", "localhost:1/x:v1")]
    [InlineData("bundle", "copy", "-b", "localhost:1/x:v1", "-i", "localhost:1/y:v1", "--to-tar", "x.tar")]
    [InlineData("bundle", "copy", "-b", "localhost:1/x:v1", "--to-tar", "x.tar", "--without-signatures", "--cosign-signatures")]
    public async Task FlagMistakesAreOneLineErrors(params string[] args)
    {
        var (code, _, err) = await Run(args);
        Assert.Equal(1, code);
        Assert.StartsWith("hull: error: ", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task UnreachableRegistryNamesTheReference()
    {
        var (code, _, err) = await Run("bundle", "pull", "-b", "127.0.0.1:9/nothing/here:v1", "-o", Path.Combine(_tmp, "none"), "--registry-retry-count", "0");
        Assert.Equal(1, code);
        Assert.Contains("127.0.0.1:9/nothing/here:v1", err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(_tmp, "none")));
    }

    [Fact]
    public async Task NotABundleDirectoryIsRefused()
    {
        string dir = Path.Combine(_tmp, "plain");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.yml"), "a: 1\n");
        var (code, _, err) = await Run("bundle", "push", "-b", $"{Registry}/cli-notbundle:v1", "-f", dir);
        Assert.Equal(1, code);
        Assert.Contains("This directory is not a bundle. It is missing .imgpkg/images.yml", err);
    }
}
