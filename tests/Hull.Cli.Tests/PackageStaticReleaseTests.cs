using Hull.Cli;

namespace Hull.Cli.Tests;

// `hull package release --static`: templates rendered at release time, the bundle carries plain YAML and no values schema.
public sealed class PackageStaticReleaseTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-cli-static-").FullName;

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    private async Task<string> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] all = args[0] == "package" ? [.. args, "--repositories-file", Path.Combine(_tmp, "repositories.yml")] : args;
        int code = await HullApp.RunAsync(all, stdout, stderr, CancellationToken.None);
        Assert.True(code == 0, $"hull {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout.ToString();
    }

    [Fact]
    public async Task StaticReleaseBundlesTheRenderedYaml()
    {
        string package = Path.Combine(_tmp, "hello");
        await Run("package", "init", "hello.prod.example.com", "--dir", package);
        File.WriteAllText(Path.Combine(package, "config", "values-schema.yml"), "#@data/values-schema\n---\nmode: dev\n");
        File.WriteAllText(Path.Combine(package, "config", "config.yml"), "#@ load(\"@ytt:data\", \"data\")\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hello-config\ndata:\n  mode: #@ data.values.mode\n");
        string values = Path.Combine(_tmp, "prod.yml");
        File.WriteAllText(values, "mode: prod\n");
        string store = Path.Combine(_tmp, "store");

        string released = await Run("package", "release", package, "--static", "-f", values, "-b", $"oci:{store}/hello", "--version", "1.0.0", "--repo", $"oci:{store}/channel:stable");
        Assert.DoesNotContain("valuesSchema", released);

        string pulled = Path.Combine(_tmp, "pulled");
        await Run("bundle", "pull", "-b", $"oci:{store}/hello:1.0.0", "-o", pulled);
        Assert.Equal(["config.yml"], Directory.GetFiles(Path.Combine(pulled, "config")).Select(Path.GetFileName));
        string config = File.ReadAllText(Path.Combine(pulled, "config", "config.yml"));
        Assert.Contains("mode: prod", config);
        Assert.DoesNotContain("#@", config);
        Assert.False(File.Exists(Path.Combine(package, ".imgpkg", "images.yml.hull-tmp")));

        string show = await Run("package", "show", "hello.prod.example.com/1.0.0", "-r", $"oci:{store}/channel:stable");
        Assert.Contains("Values:   none", show);
        Assert.Contains("config/config.yml", show);
    }
}
