using Hull.Oci.Storage;
using Hull.Bundles.Images;
using Hull.Oci.Registry;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Packaging.Tests.Schemas;
using Hull.Packaging.Versions;

namespace Hull.Packaging.Tests.Repositories;

public sealed class RepositoryBuilderTests : IDisposable
{
    private const string Metadata = """
        apiVersion: data.packaging.carvel.dev/v1alpha1
        kind: PackageMetadata
        metadata:
          name: app.corp.com
          namespace: default
        spec:
          displayName: App
        """;

    private readonly RepositoryFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void LaysOutPackagesAndLocksTheirBundles()
    {
        var builder = new RepositoryBuilder()
            .AddFile(Metadata, "package-metadata.yml")
            .AddFile(RepositoryFolder.PackageYaml("app.corp.com", "1.0.0") + "\n---\n" + RepositoryFolder.PackageYaml("app.corp.com", "1.1.0", "registry.corp/other@" + RepositoryFolder.BundleDigest), "package.yml");

        var files = builder.Build("repo");

        Assert.Equal(
            ["packages/app.corp.com/metadata.yml", "packages/app.corp.com/1.0.0.yml", "packages/app.corp.com/1.1.0.yml", ".imgpkg/images.yml"],
            files.Select(f => f.Path));
        Assert.Equal(
            $"---\napiVersion: imgpkg.carvel.dev/v1alpha1\nimages:\n"
            + $"- annotations:\n    kbld.carvel.dev/id: registry.corp/app.corp.com@{RepositoryFolder.BundleDigest}\n  image: registry.corp/app.corp.com@{RepositoryFolder.BundleDigest}\n"
            + $"- annotations:\n    kbld.carvel.dev/id: registry.corp/other@{RepositoryFolder.BundleDigest}\n  image: registry.corp/other@{RepositoryFolder.BundleDigest}\nkind: ImagesLock\n",
            files[^1].Text);
        var metadata = ResourceYaml.ReadSingle<PackageMetadata>(files[0].Text, files[0].Path);
        Assert.Null(metadata.Metadata.Namespace);
        CrdSchemas.AssertValid(metadata);
        CrdSchemas.AssertValid(ResourceYaml.ReadSingle<Package>(files[1].Text, files[1].Path));
    }

    [Fact]
    public void ReleasedVersionsAreImmutableAndBundlesMustBeLocked()
    {
        var existing = RepositoryReader.Read("stable", [new RepositoryFile("packages/app.corp.com/1.0.0.yml", RepositoryFolder.PackageYaml("app.corp.com", "1.0.0"))]);
        var builder = new RepositoryBuilder()
            .AddExisting(existing)
            .AddFile(RepositoryFolder.PackageYaml("app.corp.com", "1.0.0"), "same.yml")
            .AddFile(RepositoryFolder.PackageYaml("app.corp.com", "1.0.0").Replace("config/", "other/"), "changed.yml")
            .AddFile(RepositoryFolder.PackageYaml("app.corp.com", "2.0.0", "registry.corp/app:latest"), "tagged.yml")
            .AddFile("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n", "secret.yml");

        var ex = Assert.Throws<RepositoryException>(() => builder.Build("stable"));

        Assert.Equal(3, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.StartsWith("changed.yml (document 1): package 'app.corp.com' version '1.0.0' is already released (stable: packages/app.corp.com/1.0.0.yml) with different content", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("tagged.yml (document 1): spec.template.spec.fetch[].imgpkgBundle.image: 'registry.corp/app:latest' is not referenced by digest", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("secret.yml (document 1): Secret 's' does not belong in a repository", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WritesAFolderTheReaderAccepts()
    {
        string dir = Path.Combine(_tmp.Root, "out");
        Directory.CreateDirectory(Path.Combine(dir, "stale"));
        var builder = new RepositoryBuilder().AddFile(Metadata, "m.yml").AddFile(RepositoryFolder.PackageYaml("app.corp.com", "1.0.0"), "p.yml");

        await builder.WriteAsync(dir, CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(dir, "stale")));
        var contents = await RepositoryReader.ReadDirectoryAsync(dir, CancellationToken.None);
        Assert.Equal("1.0.0", contents.Select("app.corp.com", new VersionSelection(">=1.0.0")).Package.Spec.Version);
        Assert.Empty(contents.Warnings);
        Assert.DoesNotContain(Directory.GetDirectories(_tmp.Root), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public async Task PublishesToALayoutAndDescribesThePackageRepository()
    {
        string layout = $"oci:{Path.Combine(_tmp.Root, "layout")}:1.0.0";
        using var client = new RegistryClient(new RegistryOptions());
        var stores = new ImageStores(client);
        var builder = new RepositoryBuilder().AddFile(Metadata, "m.yml").AddFile(RepositoryFolder.PackageYaml("app.corp.com", "1.0.0"), "p.yml");

        var release = await RepositoryPublisher.PublishAsync(stores, builder, Locations.Parse(layout, "-b"), new ObjectMeta { Namespace = "kapp-controller-packaging-global" }, _ => { }, CancellationToken.None);

        Assert.Equal(layout, release.Repository.Spec.Fetch!.ImgpkgBundle!.Image);
        Assert.Equal("layout", release.Repository.Metadata.Name);
        CrdSchemas.AssertValid(release.Repository);
        var contents = await RepositoryReader.ReadBundleAsync(stores, Locations.Parse(layout, "--repo"), CancellationToken.None);
        Assert.Equal(release.Push.DigestReference, contents.Origin);
        Assert.Equal(["app.corp.com"], contents.PackageNames);
    }

    [Fact]
    public async Task TheBundleIsTheOneImgpkgPushWouldMakeOfTheFolder()
    {
        using var client = new RegistryClient(new RegistryOptions());
        var stores = new ImageStores(client);
        var builder = new RepositoryBuilder().AddFile(Metadata, "m.yml").AddFile(RepositoryFolder.PackageYaml("app.corp.com", "1.0.0"), "p.yml");
        string folder = Path.Combine(_tmp.Root, "folder");
        await builder.WriteAsync(folder, CancellationToken.None);
        var fromFolder = await Hull.Bundles.Operations.BundlePusher.PushAsync(
            stores,
            new Hull.Bundles.Operations.PushRequest(Locations.Parse($"oci:{Path.Combine(_tmp.Root, "a")}:1", "-b"), new Hull.Bundles.Layers.LayerOptions([folder], Hull.Bundles.Layers.LayerOptions.DefaultExclusions), true, new Dictionary<string, string>()),
            _ => { },
            CancellationToken.None);
        var log = new List<string>();

        var release = await RepositoryPublisher.PublishAsync(stores, builder, Locations.Parse($"oci:{Path.Combine(_tmp.Root, "b")}:1", "-b"), new ObjectMeta(), log.Add, CancellationToken.None);

        Assert.Equal(fromFolder.Digest, release.Push.Digest);
        Assert.Equal(["dir: .", "dir: .imgpkg", "file: .imgpkg/images.yml", "dir: packages", "dir: packages/app.corp.com", "file: packages/app.corp.com/1.0.0.yml", "file: packages/app.corp.com/metadata.yml"], log);
    }

    [Fact]
    public async Task ABadRepositoryIsNeverPushed()
    {
        string layoutDir = Path.Combine(_tmp.Root, "layout");
        using var client = new RegistryClient(new RegistryOptions());
        var builder = new RepositoryBuilder().AddFile(RepositoryFolder.PackageYaml("app.corp.com", "1.0.0", "registry.corp/app:latest"), "p.yml");

        await Assert.ThrowsAsync<RepositoryException>(() => RepositoryPublisher.PublishAsync(
            new ImageStores(client), builder, Locations.Parse($"oci:{layoutDir}:1.0.0", "-b"), new ObjectMeta(), _ => { }, CancellationToken.None));

        Assert.False(Directory.Exists(layoutDir));
    }
}
