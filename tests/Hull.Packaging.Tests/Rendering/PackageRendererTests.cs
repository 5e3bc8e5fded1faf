using System.Text;
using Hull.Bundles.Locks;
using Hull.Packaging.Rendering;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.App;

namespace Hull.Packaging.Tests.Rendering;

public sealed class PackageRendererTests
{
    private const string Digest = "sha256:d066eb08e9783196e2348cd8da8e3d735d7e31e2cc076d94ce790ee73ca30cff";

    private static Package Package(params string[] fileMarks) => new()
    {
        Metadata = new ObjectMeta { Name = "app.corp.com.1.0.0" },
        Spec = new PackageSpec
        {
            RefName = "app.corp.com",
            Version = "1.0.0",
            Template = new PackageTemplate
            {
                Spec = new AppSpec
                {
                    Template =
                    [
                        new AppTemplate { Ytt = new AppTemplateYtt { Paths = ["config/"], FileMarks = fileMarks } },
                        new AppTemplate { Kbld = new AppTemplateKbld { Paths = ["-", ".imgpkg/images.yml"] } },
                    ],
                },
            },
        },
    };

    private static PackageBundle Bundle() => new(
        "registry.corp/app@" + Digest,
        new Dictionary<string, byte[]>
        {
            ["config/values.yml"] = Encoding.UTF8.GetBytes("#@data/values-schema\n---\nreplicas: 1\n"),
            ["config/app.yml"] = Encoding.UTF8.GetBytes("#@ load(\"@ytt:data\", \"data\")\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: #@ data.values.replicas\n  template:\n    spec:\n      containers:\n      - name: app\n        image: registry.corp/app-image:1\n"),
            ["config/notes.yml"] = Encoding.UTF8.GetBytes("not: [a, resource\n"),
            [".imgpkg/images.yml"] = Encoding.UTF8.GetBytes("ignored: the relocated lock is used\n"),
        },
        new ImagesLock
        {
            Images = [new ImagesLockEntry("mirror.corp/app-image@" + Digest, new Dictionary<string, string> { ["kbld.carvel.dev/id"] = "registry.corp/app-image:1" })],
        });

    [Fact]
    public async Task YttWithValuesThenKbldWithTheBundlesLock()
    {
        var rendered = await new PackageRenderer().RenderAsync(Package("config/notes.yml:exclude=true"), Bundle(), [new PackageValues("values.yml", "replicas: 3\n")], CancellationToken.None);

        var deployment = Assert.IsType<OtherResource>(Assert.Single(rendered.Resources));
        Assert.Equal("Deployment", deployment.Kind);
        Assert.Contains("replicas: 3", rendered.Yaml, StringComparison.Ordinal);
        Assert.Contains("image: mirror.corp/app-image@" + Digest, rendered.Yaml, StringComparison.Ordinal);
        Assert.Contains("kbld.k14s.io/images", rendered.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailuresNameThePackageAndTheStep()
    {
        var renderer = new PackageRenderer();

        var unparsable = await Assert.ThrowsAsync<PackageRenderException>(() => renderer.RenderAsync(Package(), Bundle(), [], CancellationToken.None));
        Assert.StartsWith("app.corp.com 1.0.0: template step 1 (ytt): ", unparsable.Message, StringComparison.Ordinal);

        var badValues = await Assert.ThrowsAsync<PackageRenderException>(() => renderer.RenderAsync(Package("notes.yml:exclude=true"), Bundle(), [new PackageValues("values.yml", "replicas: many\n")], CancellationToken.None));
        Assert.StartsWith("app.corp.com 1.0.0: template step 1 (ytt): ", badValues.Message, StringComparison.Ordinal);
        Assert.Contains("replicas", badValues.Message, StringComparison.Ordinal);

        var bundle = Bundle() with { ImagesLock = new ImagesLock() };
        var unlocked = await Assert.ThrowsAsync<PackageRenderException>(() => renderer.RenderAsync(Package("notes.yml:exclude=true"), bundle, [], CancellationToken.None));
        Assert.Equal($"app.corp.com 1.0.0: template step 2 (kbld): resolving image 'registry.corp/app-image:1': image 'registry.corp/app-image:1' is not in the ImagesLock of bundle registry.corp/app@{Digest}", unlocked.Message);
    }
}
