using Hull.Cli;

namespace Hull.Cli.Tests;

public sealed class RepoReleaseCommandTests : IDisposable
{
    private const string Digest = "sha256:d066eb08e9783196e2348cd8da8e3d735d7e31e2cc076d94ce790ee73ca30cff";
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-cli-release-").FullName;

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await HullApp.RunAsync([.. args, "--repositories-file", Path.Combine(_tmp, "repositories.yml")], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_tmp, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Package(string version, string image = "registry.corp/config@" + Digest) => $$"""
        apiVersion: data.packaging.carvel.dev/v1alpha1
        kind: Package
        metadata:
          name: config.my-opinionated.com.{{version}}
          namespace: default
        spec:
          refName: config.my-opinionated.com
          version: {{version}}
          template:
            spec:
              fetch:
              - imgpkgBundle:
                  image: {{image}}
              template:
              - ytt:
                  paths:
                  - config/
              - kbld:
                  paths:
                  - '-'
                  - .imgpkg/images.yml
              deploy:
              - kapp: {}
        """;

    private string Inputs()
    {
        Write("in/package-metadata.yaml", "apiVersion: data.packaging.carvel.dev/v1alpha1\nkind: PackageMetadata\nmetadata:\n  name: config.my-opinionated.com\n  namespace: default\nspec:\n  displayName: My opinionated config\n");
        Write("in/0.0.1/package.yaml", Package("0.0.1"));
        Write("in/0.0.2/package.yaml", Package("0.0.2"));
        return Path.Combine(_tmp, "in");
    }

    [Fact]
    public async Task ReleasesToALayoutThenAddsAVersion()
    {
        string layout = "oci:" + Path.Combine(_tmp, "layout");
        var (code, output, err) = await Run("repo", "release", "-b", layout + ":1", "-f", Inputs(), "-n", "kapp-controller-packaging-global", "--output-dir", Path.Combine(_tmp, "folder"));

        Assert.True(code == 0, err);
        Assert.Equal(
            $"apiVersion: packaging.carvel.dev/v1alpha1\nkind: PackageRepository\nmetadata:\n  name: layout\n  namespace: kapp-controller-packaging-global\nspec:\n  fetch:\n    imgpkgBundle:\n      image: {layout}:1\n",
            output);
        Assert.Contains("file: packages/config.my-opinionated.com/0.0.1.yml\n", err);
        Assert.Matches($"Pushed '{System.Text.RegularExpressions.Regex.Escape(layout)}@sha256:[0-9a-f]{{64}}'\n", err);
        Assert.EndsWith("Succeeded\n", err);
        Assert.True(File.Exists(Path.Combine(_tmp, "folder", "packages", "config.my-opinionated.com", "metadata.yml")));

        Write("new/package.yaml", Package("0.1.0"));
        string resource = Path.Combine(_tmp, "repository.yml");
        var (addCode, added, addErr) = await Run("repo", "release", "-b", layout + ":2", "--from", layout + ":1", "-f", Path.Combine(_tmp, "new", "package.yaml"), "-o", resource);
        Assert.True(addCode == 0, addErr);
        Assert.EndsWith("Succeeded\n", added);
        Assert.Contains($"image: {layout}:2\n", File.ReadAllText(resource));

        var (listCode, listed, _) = await Run("package", "available", "list", "config.my-opinionated.com", "--repo", layout + ":2");
        Assert.Equal(0, listCode);
        Assert.Equal(["0.0.1", "0.0.2", "0.1.0"], listed.TrimEnd().Split('\n').Skip(1).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[1].Trim()));
    }

    [Fact]
    public async Task ChangingAReleasedVersionOrAnUnlockedBundleFailsBeforeAnyPush()
    {
        string layout = "oci:" + Path.Combine(_tmp, "layout");
        Assert.Equal(0, (await Run("repo", "release", "-b", layout + ":1", "-f", Inputs())).Code);

        Write("bad/changed.yaml", Package("0.0.1").Replace("config/", "other/"));
        Write("bad/tagged.yaml", Package("0.2.0", "registry.corp/config:latest"));
        var (code, output, err) = await Run("repo", "release", "-b", layout + ":2", "--from", layout + ":1", "-f", Path.Combine(_tmp, "bad"));

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith($"hull: error: repository '{layout}:2' has 2 problems:\n", err);
        Assert.Contains("changed.yaml (document 1): package 'config.my-opinionated.com' version '0.0.1' is already released", err);
        Assert.Contains("tagged.yaml (document 1): spec.template.spec.fetch[].imgpkgBundle.image: 'registry.corp/config:latest' is not referenced by digest", err);
        var (tagCode, _, _) = await Run("package", "available", "list", "--repo", layout + ":2");
        Assert.Equal(1, tagCode);
    }

    [Fact]
    public async Task NeedsSomewhereToRelease()
    {
        var (code, _, err) = await Run("repo", "release", "-f", Inputs());
        Assert.Equal(1, code);
        Assert.Equal("hull: error: repo release: give --bundle to push, --output-dir to write a folder, or both\n", err);
    }

    [Fact]
    public async Task ReleasesToTheTestRegistry()
    {
        string registry = RegistryUnderTest.Host;
        string repo = $"{registry}/packages-{Guid.NewGuid():N}";

        var (code, output, err) = await Run("repo", "release", "-b", repo + ":1.0.0", "-f", Inputs(), "--name", "stable");
        Assert.True(code == 0, err);
        Assert.Contains($"  name: stable\n", output);
        Assert.Contains($"      image: {repo}:1.0.0\n", output);

        Assert.Equal(0, (await Run("repo", "add", "stable", repo + ":1.0.0")).Code);
        var (listCode, listed, listErr) = await Run("package", "available", "list");
        Assert.True(listCode == 0, listErr);
        Assert.Contains("config.my-opinionated.com  My opinionated config                     0.0.2", listed);
        var (checkCode, check, _) = await Run("repo", "check", "stable");
        Assert.Equal(0, checkCode);
        Assert.Contains(": 1 packages, 2 versions, 1 locked images\n", check);
    }
}
