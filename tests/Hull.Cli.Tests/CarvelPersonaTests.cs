using Hull.Cli;

namespace Hull.Cli.Tests;

public sealed class CarvelPersonaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hull-persona-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("/usr/local/bin/ytt", "-f config -f ../sample-values.yaml", "template -f config -f ../sample-values.yaml")]
    [InlineData("ytt", "template -f a.yml", "template -f a.yml")]
    [InlineData("ytt", "fmt -f a.yml", "fmt -f a.yml")]
    [InlineData("ytt", "version", "--version")]
    [InlineData("kbld", "--file config --imgpkg-lock-output .imgpkg/images.yml", "resolve --file config --imgpkg-lock-output .imgpkg/images.yml")]
    [InlineData("kbld", "inspect -f a.yml", "resolve inspect -f a.yml")]
    [InlineData("imgpkg", "push --bundle REF --file .", "bundle push --bundle REF --file .")]
    [InlineData("imgpkg", "pull -b REF -o DIR", "bundle pull -b REF -o DIR")]
    [InlineData("hull", "template -f a.yml", "template -f a.yml")]
    [InlineData("/opt/hull/hull", "bundle push", "bundle push")]
    public void CarvelCommandLinesBecomeHullOnes(string program, string args, string expected) =>
        Assert.Equal(expected, string.Join(' ', CarvelPersona.Translate(program, args.Split(' '))));

    // The guide's own command lines, unchanged, through symlinks to the real executable, against the test registry.
    [Fact]
    public void GuideCommandLinesRunThroughSymlinks()
    {
        var registry = RegistryUnderTest.Host;
        var hull = Path.Combine(AppContext.BaseDirectory, "hull");
        foreach (var tool in new[] { "ytt", "kbld", "imgpkg" })
        {
            File.CreateSymbolicLink(Path.Combine(_dir, tool), hull);
        }
        var repo = $"{registry}/persona-{Guid.NewGuid():N}";

        var image = Path.Combine(_dir, "image");
        Directory.CreateDirectory(image);
        File.WriteAllText(Path.Combine(image, "hello.txt"), "hello\n");
        Run("imgpkg", _dir, "push", "-i", $"{repo}/hello:v1", "-f", image);

        var package = Path.Combine(_dir, "my-opinionated-config");
        Directory.CreateDirectory(Path.Combine(package, "config"));
        Directory.CreateDirectory(Path.Combine(package, ".imgpkg"));
        File.WriteAllText(Path.Combine(package, "config", "values.yaml"), "#@data/values\n---\nmode: dev\n");
        File.WriteAllText(Path.Combine(package, "config", "deploy.yml"), $"""
            #@ load("@ytt:data", "data")
            apiVersion: v1
            kind: Pod
            metadata:
              name: hello
              labels:
                mode: #@ data.values.mode
            spec:
              containers:
              - name: hello
                image: {repo}/hello:v1

            """);
        File.WriteAllText(Path.Combine(_dir, "sample-values.yaml"), "#@data/values\n---\nmode: prod\n");

        var ytt = Run("ytt", package, "-f", "config", "-f", "../sample-values.yaml");
        Assert.Contains("mode: prod", ytt);

        Run("kbld", package, "--file", "config", "--imgpkg-lock-output", ".imgpkg/images.yml");
        Assert.Contains($"image: {repo}/hello@sha256:", File.ReadAllText(Path.Combine(package, ".imgpkg", "images.yml")));

        var push = Run("imgpkg", package, "push", "--bundle", $"{repo}/config:v1", "--file", ".");
        Assert.Contains("Succeeded", push);

        var pulled = Path.Combine(_dir, "pulled");
        Run("imgpkg", _dir, "pull", "-b", $"{repo}/config:v1", "-o", pulled);
        Assert.Equal(File.ReadAllText(Path.Combine(package, "config", "deploy.yml")), File.ReadAllText(Path.Combine(pulled, "config", "deploy.yml")));

        File.WriteAllText(Path.Combine(_dir, "package.yaml"), $"""
            apiVersion: data.packaging.carvel.dev/v1alpha1
            kind: Package
            metadata:
              name: my-opinionated-config.corp.com.0.0.1
            spec:
              refName: my-opinionated-config.corp.com
              version: 0.0.1
              template:
                spec:
                  fetch:
                  - imgpkgBundle:
                      image: {repo}/config:v1

            """);
        var locked = Run("kbld", _dir, "--file", "package.yaml");
        Assert.Contains($"image: {repo}/config@sha256:", locked);
        Assert.Contains("kbld.k14s.io/images", locked);
    }

    private string Run(string tool, string workingDirectory, params string[] args) =>
        ChildProcess.Run(Path.Combine(_dir, tool), workingDirectory, null, args);
}
