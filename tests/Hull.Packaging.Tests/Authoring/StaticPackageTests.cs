using Hull.Packaging.Authoring;

namespace Hull.Packaging.Tests.Authoring;

public sealed class StaticPackageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hull-static-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task TemplatesRenderToPlainYamlWithTheValuesGiven()
    {
        string package = Path.Combine(_dir, "hello");
        await PackageScaffold.WriteAsync(package, "hello.prod.example.com", "hello", CancellationToken.None);
        File.WriteAllText(Path.Combine(package, "config", "values-schema.yml"), "#@data/values-schema\n---\nmode: dev\nnamespace: hello\n");
        File.WriteAllText(Path.Combine(package, "config", "config.yml"), """
            #@ load("@ytt:data", "data")
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: hello-config
              namespace: #@ data.values.namespace
            data:
              mode: #@ data.values.mode

            """);
        string values = Path.Combine(_dir, "prod.yml");
        File.WriteAllText(values, "mode: prod\n");
        string output = Path.Combine(_dir, "out");

        await StaticPackage.RenderAsync(package, [values], output, CancellationToken.None);

        Assert.Equal(["config.yml"], Directory.GetFiles(Path.Combine(output, "config")).Select(Path.GetFileName));
        string config = File.ReadAllText(Path.Combine(output, "config", "config.yml"));
        Assert.Contains("mode: prod", config);
        Assert.Contains("namespace: hello", config);
        Assert.DoesNotContain("#@", config);
        Assert.True(File.Exists(Path.Combine(output, "package.yml")));
        Assert.True(File.Exists(Path.Combine(output, "package-metadata.yml")));
    }

    [Fact]
    public async Task TemplateErrorsNameTheFolder()
    {
        string package = Path.Combine(_dir, "bad");
        await PackageScaffold.WriteAsync(package, "bad.example.com", "bad", CancellationToken.None);
        File.WriteAllText(Path.Combine(package, "config", "config.yml"), "#@ load(\"@ytt:data\", \"data\")\n---\nx: #@ data.values.missing\n");
        var ex = await Assert.ThrowsAsync<PackageAuthoringException>(() => StaticPackage.RenderAsync(package, [], Path.Combine(_dir, "out2"), CancellationToken.None));
        Assert.Contains("rendering for a static release", ex.Message);
    }
}
