using Hull.Cli;

namespace Hull.Cli.Tests;

public sealed class PackageTreeCommandTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-cli-tree-").FullName;

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    private Task<(int Code, string Out, string Err)> Run(params string[] args) => RunRaw([.. args, "--repositories-file", Path.Combine(_tmp, "repositories.yml")]);

    private static async Task<(int Code, string Out, string Err)> RunRaw(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await HullApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_tmp, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    // Pushes a bundle (config/config.yml + empty ImagesLock) into an OCI layout and returns its digest reference.
    private async Task<string> Bundle(string name, string config)
    {
        Write($"{name}/config/config.yml", config);
        Write($"{name}/.imgpkg/images.yml", "---\napiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\n");
        var (code, output, err) = await RunRaw("bundle", "push", "-b", $"oci:{Path.Combine(_tmp, "bundles", name)}:1", "-f", Path.Combine(_tmp, name));
        Assert.True(code == 0, err);
        return output.Split('\n').Single(l => l.StartsWith("Pushed '", StringComparison.Ordinal))[8..^1];
    }

    private static string Package(string refName, string version, string bundle) => $$"""
        apiVersion: data.packaging.carvel.dev/v1alpha1
        kind: Package
        metadata:
          name: {{refName}}.{{version}}
        spec:
          refName: {{refName}}
          version: {{version}}
          template:
            spec:
              fetch:
              - imgpkgBundle:
                  image: {{bundle}}
              template:
              - ytt:
                  paths:
                  - config/
              deploy:
              - kapp: {}
        """;

    private static string Install(string name, string refName, string constraints) =>
        $"apiVersion: packaging.carvel.dev/v1alpha1\nkind: PackageInstall\nmetadata:\n  name: {name}\nspec:\n  packageRef:\n    refName: {refName}\n    versionSelection:\n      constraints: '{constraints}'\n";

    [Fact]
    public async Task PrintsTheStaticMetapackageTree()
    {
        string hello = await Bundle("hello", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hello\ndata:\n  mode: dev\n");
        string echo = await Bundle("echo", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: echo\ndata:\n  mode: dev\n");
        string meta = await Bundle("dev", Install("hello", "hello.example.fake", "1.0.0") + "---\n" + Install("echo", "echo.example.fake", ">=1.0.0"));
        Write("in/hello.yml", Package("hello.example.fake", "1.0.0", hello));
        Write("in/echo.yml", Package("echo.example.fake", "1.2.0", echo));
        Write("in/dev.yml", Package("dev.example.fake", "0.1.0", meta));
        string repo = $"oci:{Path.Combine(_tmp, "repo")}:dev";
        var (releaseCode, _, releaseErr) = await Run("repo", "release", "-b", repo, "-f", Path.Combine(_tmp, "in"));
        Assert.True(releaseCode == 0, releaseErr);

        var (code, output, err) = await Run("package", "tree", "dev.example.fake/0.1.0", "--repo", repo);

        Assert.True(code == 0, err);
        Assert.Equal(
            [
                $"dev.example.fake: dev.example.fake 0.1.0 ({meta})",
                $"  hello: hello.example.fake 1.0.0 ({hello})",
                $"  echo: echo.example.fake 1.2.0 ({echo})",
            ],
            output.TrimEnd().Split('\n'));

        var (badCode, _, badErr) = await Run("package", "tree", "dev.example.fake", "--repo", repo);
        Assert.Equal(1, badCode);
        Assert.Equal("hull: error: package tree: expected NAME/VERSION, got 'dev.example.fake'\n", badErr);
    }
}
