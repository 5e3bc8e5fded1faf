using Hull.Packaging.Authoring;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Packaging.Tests.Schemas;

namespace Hull.Packaging.Tests.Authoring;

public sealed class PackageScaffoldTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"hull-init-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task WritesTheGuidesLayoutWithValidResources()
    {
        var files = await PackageScaffold.WriteAsync(_dir, "config.my-opinionated.com", "My opinionated config", CancellationToken.None);

        Assert.Equal(["package-metadata.yml", "package.yml", ".imgpkg/images.yml", "config/values-schema.yml", "config/config.yml"], files.Select(f => f.Path));
        var metadata = ResourceYaml.ReadSingle<PackageMetadata>(File.ReadAllText(Path.Combine(_dir, "package-metadata.yml")), "package-metadata.yml");
        Assert.Equal("My opinionated config", metadata.Spec.DisplayName);
        CrdSchemas.AssertValid(metadata);
        var package = ResourceYaml.ReadSingle<Package>(File.ReadAllText(Path.Combine(_dir, "package.yml")), "package.yml");
        Assert.Equal("config.my-opinionated.com.0.0.0", package.Metadata.Name);
        Assert.Equal(["config/"], package.Spec.Template!.Spec!.Template![0].Ytt!.Paths!);
        Assert.Equal(["-", ".imgpkg/images.yml"], package.Spec.Template.Spec.Template[1].Kbld!.Paths!);
        CrdSchemas.AssertValid(package);
        Assert.Equal("---\napiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\n", File.ReadAllText(Path.Combine(_dir, ".imgpkg", "images.yml")));
        Assert.StartsWith("#@data/values-schema\n", File.ReadAllText(Path.Combine(_dir, "config", "values-schema.yml")));
    }

    [Fact]
    public async Task NeverOverwritesAndChecksTheName()
    {
        await PackageScaffold.WriteAsync(_dir, "app.corp.com", null, CancellationToken.None);

        var again = await Assert.ThrowsAsync<PackageAuthoringException>(() => PackageScaffold.WriteAsync(_dir, "app.corp.com", null, CancellationToken.None, fromConfig: true));
        Assert.Contains("already has package-metadata.yml, package.yml", again.Message);
        var bad = Assert.Throws<PackageAuthoringException>(() => PackageScaffold.Files("app"));
        Assert.Equal("package name 'app' must have at least three segments separated by '.' (e.g. app.corp.com)", bad.Message);
    }

    [Fact]
    public async Task AnExistingConfigIsRefusedOrAdoptedWithoutTemplates()
    {
        string config = Path.Combine(_dir, "config");
        Directory.CreateDirectory(config);
        File.WriteAllText(Path.Combine(config, "app.yml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n");

        var refused = await Assert.ThrowsAsync<PackageAuthoringException>(() => PackageScaffold.WriteAsync(_dir, "app.corp.com", null, CancellationToken.None));
        Assert.Contains("config' already exists: init would add config/config.yml and config/values-schema.yml", refused.Message);
        Assert.Equal(["app.yml"], Directory.GetFiles(config).Select(Path.GetFileName));

        var adopted = await PackageScaffold.WriteAsync(_dir, "app.corp.com", null, CancellationToken.None, fromConfig: true);
        Assert.Equal(["package-metadata.yml", "package.yml", ".imgpkg/images.yml"], adopted.Select(f => f.Path));
        Assert.Equal(["app.yml"], Directory.GetFiles(config).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("my-opinionated.corp.com", null, "My opinionated package")]
    [InlineData("app.corp.com", "My opinionated package", "My opinionated package")]
    [InlineData("config.my-opinionated.com", "My opinionated config", "My opinionated config package")]
    public void ScaffoldedDescriptionsReadNaturally(string refName, string? displayName, string description)
    {
        var metadata = ResourceYaml.ReadSingle<PackageMetadata>(PackageScaffold.Files(refName, displayName)[0].Text, "package-metadata.yml");
        Assert.Equal(description, metadata.Spec.ShortDescription);
    }
}
