using Hull.Oci.Storage;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Operations;
using Hull.Oci.Registry;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Versions;

namespace Hull.Packaging.Tests.Repositories;

public sealed class RepositoryReaderTests : IDisposable
{
    private readonly RepositoryFolder _repo = new();

    public void Dispose() => _repo.Dispose();

    private RepositoryFolder Guide()
    {
        const string locked = "images:\n- image: registry.corp/config.my-opinionated.com@" + RepositoryFolder.BundleDigest
            + "\n- image: registry.corp/my-package.my-opinionated.com@" + RepositoryFolder.BundleDigest + "\n";
        return _repo
            .Metadata("config.my-opinionated.com", "My opinionated config")
            .Package("config.my-opinionated.com", "0.0.1")
            .Package("config.my-opinionated.com", "0.0.2")
            .Package("config.my-opinionated.com", "0.1.0-rc.1")
            .Package("config.my-opinionated.com", "0.10.0")
            .Metadata("my-package.my-opinionated.com", "My opinionated install")
            .Package("my-package.my-opinionated.com", "0.0.1")
            .Write(".imgpkg/images.yml", "apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\n" + locked);
    }

    [Fact]
    public async Task ListsPackagesAndVersionsInSemverOrder()
    {
        Guide();

        var contents = await RepositoryReader.ReadDirectoryAsync(_repo.Root, CancellationToken.None);

        Assert.Equal(["config.my-opinionated.com", "my-package.my-opinionated.com"], contents.PackageNames);
        Assert.Equal(["0.0.1", "0.0.2", "0.1.0-rc.1", "0.10.0"], contents.Versions("config.my-opinionated.com").Select(p => p.Version.ToString()));
        Assert.Equal("My opinionated install", contents.Metadata["my-package.my-opinionated.com"].Metadata.Spec.DisplayName);
        Assert.Equal("packages/config.my-opinionated.com/0.0.2.yml", contents.Find("config.my-opinionated.com", "0.0.2").File);
        Assert.Equal(2, contents.ImagesLock!.Images.Count);
        Assert.Empty(contents.Warnings);
        Assert.Equal(5, contents.Packages.Count());
    }

    [Theory]
    [InlineData("0.0.1", null, "0.0.1")]
    [InlineData(">=0.0.1 <0.1.0", null, "0.0.2")]
    [InlineData("<0.10.0", null, "0.0.2")]
    [InlineData("<0.10.0", "", "0.1.0-rc.1")]
    [InlineData("<0.10.0", "rc", "0.1.0-rc.1")]
    [InlineData("<0.10.0", "beta", "0.0.2")]
    [InlineData(">0.0.1 || 0.0.x", null, "0.10.0")]
    public async Task SelectsVersionsLikeKappController(string constraints, string? prerelease, string expected)
    {
        Guide();
        var contents = await RepositoryReader.ReadDirectoryAsync(_repo.Root, CancellationToken.None);
        var prereleases = prerelease switch
        {
            null => null,
            "" => new PrereleaseSelection([]),
            _ => new PrereleaseSelection([prerelease]),
        };

        var selected = contents.Select("config.my-opinionated.com", new VersionSelection(constraints, prereleases));

        Assert.Equal(expected, selected.Package.Spec.Version);
    }

    [Fact]
    public async Task UnknownPackagesAndVersionsListWhatExists()
    {
        Guide();
        var contents = await RepositoryReader.ReadDirectoryAsync(_repo.Root, CancellationToken.None);

        var unknown = Assert.Throws<RepositoryException>(() => contents.Versions("config"));
        Assert.Contains("package 'config' not found (did you mean 'config.my-opinionated.com'?); packages: config.my-opinionated.com, my-package.my-opinionated.com", unknown.Message);

        var none = Assert.Throws<VersionSelectionException>(() => contents.Select("config.my-opinionated.com", new VersionSelection(">=1.0.0")));
        Assert.Contains("package 'config.my-opinionated.com'", none.Message);
        Assert.Contains("available: 0.0.1, 0.0.2, 0.1.0-rc.1, 0.10.0", none.Message);

        var missing = Assert.Throws<RepositoryException>(() => contents.Find("config.my-opinionated.com", "9.9.9"));
        Assert.Contains("has no version '9.9.9'; versions: 0.0.1, 0.0.2, 0.1.0-rc.1, 0.10.0", missing.Message);
    }

    [Fact]
    public async Task EveryProblemIsReportedWithFileDocumentAndField()
    {
        _repo
            .Metadata("good.corp.com", "Good")
            .Package("good.corp.com", "1.0.0")
            .Write("packages/bad/version.yml", RepositoryFolder.PackageYaml("bad.corp.com", "1.0-beta"))
            .Write("packages/bad/name.yml", RepositoryFolder.PackageYaml("bad.corp.com", "2.0.0").Replace("name: bad.corp.com.2.0.0", "name: bad.corp.com"))
            .Write("packages/bad/short.yml", RepositoryFolder.PackageYaml("short.com", "1.0.0"))
            .Write("packages/bad/dup.yaml", RepositoryFolder.PackageYaml("good.corp.com", "1.0.0"))
            .Write("packages/bad/other.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n")
            .Write("packages/bad/broken.yml", "apiVersion: [\n")
            .Write("packages/bad/typed.yml", RepositoryFolder.PackageYaml("typed.corp.com", "1.0.0").Replace("version: 1.0.0", "version: 1.5"))
            .Write("packages/bad/templated.yml", "#@ load(\"@ytt:data\", \"data\")\n---\n");

        var ex = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryReader.ReadDirectoryAsync(_repo.Root, CancellationToken.None));

        string all = string.Join("\n", ex.Problems);
        Assert.True(ex.Problems.Count == 8, all);
        void Has(string fragment) => Assert.True(ex.Problems.Any(p => p.Contains(fragment, StringComparison.Ordinal)), $"no problem contains:\n{fragment}\nproblems:\n{all}");
        Has("packages/bad/version.yml:7: document 1 (Package bad.corp.com.1.0-beta): spec.version: '1.0-beta' is not a semantic version");
        Has("packages/bad/name.yml:4: document 1 (Package bad.corp.com): metadata.name: must be 'bad.corp.com.2.0.0' (<spec.refName>.<spec.version>), got 'bad.corp.com'");
        Has("packages/bad/short.yml:6: document 1 (Package short.com.1.0.0): spec.refName: 'short.com' must have at least three segments");
        Has("package 'good.corp.com' version '1.0.0' is also defined in packages/bad/dup.yaml (document 1)");
        Has("packages/bad/other.yml:1: document 1 (ConfigMap c): kind: a repository holds only Package and PackageMetadata documents, found v1 ConfigMap");
        Has("packages/bad/broken.yml:1: not valid YAML");
        Has("packages/bad/typed.yml:7: document 1 (Package typed.corp.com.1.0.0): spec.version: expected a string, got the number 1.5 (quote it: '1.5')");
        Has("packages/bad/templated.yml:1: ytt template code");
        Assert.StartsWith($"repository '{_repo.Root}' has 8 problems:\n  ", ex.Message);
    }

    [Fact]
    public async Task WarningsForMissingMetadataUnknownFieldsAndUnlockedBundles()
    {
        _repo
            .Package("a.corp.com", "1.0.0")
            .Package("b.corp.com", "1.0.0", image: "registry.corp/b:latest")
            .Metadata("b.corp.com", "B")
            .Write("packages/b.corp.com/metadata.yml", "apiVersion: data.packaging.carvel.dev/v1alpha1\nkind: PackageMetadata\nmetadata:\n  name: b.corp.com\nspec:\n  displayname: B\n")
            .Write(".imgpkg/images.yml", "apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\nimages: []\n");

        var contents = await RepositoryReader.ReadDirectoryAsync(_repo.Root, CancellationToken.None);

        Assert.Collection(
            contents.Warnings.Order(StringComparer.Ordinal),
            w => Assert.Equal("packages/a.corp.com/1.0.0.yml: bundle 'registry.corp/a.corp.com@" + RepositoryFolder.BundleDigest + "' of a.corp.com.1.0.0 is not in .imgpkg/images.yml; it will not be copied with the repository", w),
            w => Assert.Equal("packages/a.corp.com/1.0.0.yml: package 'a.corp.com' has no PackageMetadata (tools list it without a description)", w),
            w => Assert.Equal("packages/b.corp.com/1.0.0.yml: bundle 'registry.corp/b:latest' of b.corp.com.1.0.0 is not referenced by digest; lock it (hull resolve) so installs are reproducible", w),
            w => Assert.StartsWith("packages/b.corp.com/metadata.yml:6: document 1 (PackageMetadata b.corp.com): spec.displayname: unknown field", w));
    }

    [Fact]
    public async Task AFolderWithoutPackagesIsAnError()
    {
        var ex = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryReader.ReadDirectoryAsync(_repo.Root, CancellationToken.None));
        Assert.Contains("no packages/ folder", ex.Message);
    }

    [Fact]
    public async Task SeveralDocumentsPerFileAndAnyFileNameAreRead()
    {
        _repo.Write("packages/all.yaml", RepositoryFolder.PackageYaml("a.corp.com", "1.0.0") + "\n---\n" + RepositoryFolder.PackageYaml("a.corp.com", "1.1.0"));

        var contents = await RepositoryReader.ReadDirectoryAsync(_repo.Root, CancellationToken.None);

        Assert.Equal([1, 2], contents.Versions("a.corp.com").Select(p => p.Document));
    }

    [Fact]
    public async Task ReadsARepositoryBundleFromAnOciLayout()
    {
        Guide();
        string layout = Path.Combine(_repo.Root, "..", $"hull-layout-{Guid.NewGuid():N}");
        try
        {
            using var client = new RegistryClient(new RegistryOptions());
            var stores = new ImageStores(client);
            var pushed = await BundlePusher.PushAsync(
                stores,
                new PushRequest(Locations.Parse($"oci:{layout}:1.0.0", "--bundle"), new LayerOptions([_repo.Root], LayerOptions.DefaultExclusions), true, new Dictionary<string, string>()),
                _ => { },
                CancellationToken.None);

            var contents = await RepositoryReader.ReadBundleAsync(stores, Locations.Parse($"oci:{layout}:1.0.0", "--repo"), CancellationToken.None);

            Assert.Equal(pushed.DigestReference, contents.Origin);
            Assert.Equal(["config.my-opinionated.com", "my-package.my-opinionated.com"], contents.PackageNames);
            Assert.Equal("0.10.0", contents.Select("config.my-opinionated.com", new VersionSelection(">0.0.0")).Package.Spec.Version);
            Assert.Equal(2, contents.ImagesLock!.Images.Count);
        }
        finally
        {
            if (Directory.Exists(layout))
            {
                Directory.Delete(layout, recursive: true);
            }
        }
    }

    [Fact]
    public async Task APlainImageIsNotARepository()
    {
        _repo.Write("packages/x.yml", "{}\n");
        string layout = Path.Combine(Path.GetTempPath(), $"hull-layout-{Guid.NewGuid():N}");
        try
        {
            using var client = new RegistryClient(new RegistryOptions());
            var stores = new ImageStores(client);
            await BundlePusher.PushAsync(
                stores,
                new PushRequest(Locations.Parse($"oci:{layout}:img", "-i"), new LayerOptions([_repo.Root], LayerOptions.DefaultExclusions), false, new Dictionary<string, string>()),
                _ => { },
                CancellationToken.None);

            var ex = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryReader.ReadBundleAsync(stores, Locations.Parse($"oci:{layout}:img", "--repo"), CancellationToken.None));

            Assert.Contains("not an imgpkg bundle", ex.Message);
        }
        finally
        {
            if (Directory.Exists(layout))
            {
                Directory.Delete(layout, recursive: true);
            }
        }
    }

    [Fact]
    public void PackageNameRules()
    {
        Assert.Null(PackageNames.ProblemWithRefName("app.corp.com"));
        Assert.NotNull(PackageNames.ProblemWithRefName("App.corp.com"));
        Assert.NotNull(PackageNames.ProblemWithRefName("app.corp.com."));
        Assert.NotNull(PackageNames.ProblemWithRefName("corp.com"));
        Assert.NotNull(PackageNames.ProblemWithRefName(""));
        Assert.Equal("app.corp.com.1.0.0", PackageNames.PackageName("app.corp.com", "1.0.0"));
        Assert.Equal(ResourceKinds.Package, new Package().Kind);
    }
}
