using Hull.Oci.Storage;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Operations;
using Hull.Bundles.Progress;
using Hull.Oci.Registry;
using Hull.Packaging.Metapackages;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Packaging.Tests.Schemas;
using Hull.Packaging.Versions;

namespace Hull.Packaging.Tests.Integration;

/// <summary>
/// Against the test registry (HULL_TEST_REGISTRY, started by scripts/test.sh): three packages with two versions each
/// and a static metapackage released into a repository, listed, selected by constraint, and copied as imgpkg would.
/// </summary>
public sealed class RepositoryIntegrationTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-repo-it-").FullName;
    private readonly RegistryClient _client = new(new RegistryOptions());

    public void Dispose()
    {
        _client.Dispose();
        Directory.Delete(_tmp, recursive: true);
    }

    private static string Registry =>
        RegistryUnderTest.Host;

    private ImageStores Stores => new(_client);

    // A package bundle: config/ with the given documents, .imgpkg/images.yml with no images.
    private async Task<string> PushBundleAsync(string repository, string version, string config)
    {
        string dir = Path.Combine(_tmp, $"{Path.GetFileName(repository)}-{version}");
        Directory.CreateDirectory(Path.Combine(dir, "config"));
        Directory.CreateDirectory(Path.Combine(dir, ".imgpkg"));
        File.WriteAllText(Path.Combine(dir, "config", "config.yml"), config);
        File.WriteAllText(Path.Combine(dir, ".imgpkg", "images.yml"), "---\napiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\n");
        var pushed = await BundlePusher.PushAsync(
            Stores,
            new PushRequest(Locations.Parse($"{repository}:{version}", "-b"), new LayerOptions([dir], LayerOptions.DefaultExclusions), true, new Dictionary<string, string>()),
            _ => { },
            CancellationToken.None);
        return pushed.DigestReference;
    }

    private static string PackageYaml(string refName, string version, string bundle) => $$"""
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
              - kbld:
                  paths:
                  - '-'
                  - .imgpkg/images.yml
              deploy:
              - kapp: {}
        """;

    private static string Install(string name, string refName, string constraints) => $"""
        apiVersion: packaging.carvel.dev/v1alpha1
        kind: PackageInstall
        metadata:
          name: {name}
        spec:
          packageRef:
            refName: {refName}
            versionSelection:
              constraints: '{constraints}'
              prereleases: {"{}"}
          serviceAccountName: my-package-default-sa
          values:
          - secretRef:
              name: {name}-my-package-values
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}-my-package-values
        type: Opaque
        stringData:
          values.yml: ""
        """;

    [Fact]
    public async Task ReleaseListSelectAndCopyARepositoryWithAMetapackage()
    {
        string prefix = $"{Registry}/it-{Guid.NewGuid():N}";
        var builder = new RepositoryBuilder();
        var bundles = new List<string>();
        foreach (string name in new[] { "contour", "cert-manager", "external-dns" })
        {
            string refName = $"{name}.community.tanzu.vmware.com";
            builder.AddFile($"apiVersion: data.packaging.carvel.dev/v1alpha1\nkind: PackageMetadata\nmetadata:\n  name: {refName}\nspec:\n  displayName: {name}\n", $"{name}/metadata.yml");
            foreach (string version in new[] { "1.5.1", "1.17.1" })
            {
                string bundle = await PushBundleAsync($"{prefix}/{name}", version, $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  version: {version}\n");
                bundles.Add(bundle);
                builder.AddFile(PackageYaml(refName, version, bundle), $"{name}/{version}.yml");
            }
        }
        string meta = await PushBundleAsync(
            $"{prefix}/my-package",
            "0.0.1",
            Install("contour", "contour.community.tanzu.vmware.com", "1.17.1") + "\n---\n"
            + Install("cert-manager", "cert-manager.community.tanzu.vmware.com", ">=1.0.0 <1.6.0") + "\n---\n"
            + Install("external-dns", "external-dns.community.tanzu.vmware.com", ">1.0.0"));
        bundles.Add(meta);
        builder.AddFile(PackageYaml("my-package.my-opinionated.com", "0.0.1", meta), "my-package/0.0.1.yml");

        var release = await RepositoryPublisher.PublishAsync(Stores, builder, Locations.Parse($"{prefix}/repo:1.0.0", "-b"), new ObjectMeta { Name = "stable" }, _ => { }, CancellationToken.None);
        CrdSchemas.AssertValid(release.Repository);

        // List and select, reading the bundle back from the registry.
        var contents = await RepositoryReader.ReadBundleAsync(Stores, Locations.Parse($"{prefix}/repo:1.0.0", "--repo"), CancellationToken.None);
        Assert.Equal(
            ["cert-manager.community.tanzu.vmware.com", "contour.community.tanzu.vmware.com", "external-dns.community.tanzu.vmware.com", "my-package.my-opinionated.com"],
            contents.PackageNames);
        Assert.Equal(["1.5.1", "1.17.1"], contents.Versions("contour.community.tanzu.vmware.com").Select(p => p.Version.ToString()));
        Assert.Equal(bundles.Order(StringComparer.Ordinal), contents.ImagesLock!.Images.Select(i => i.Image));
        Assert.DoesNotContain(contents.Warnings, w => !w.Contains("my-package.my-opinionated.com' has no PackageMetadata", StringComparison.Ordinal));

        // The metapackage's PackageInstalls (static YAML: no templating needed) resolve against the repository.
        string pulled = Path.Combine(_tmp, "meta");
        await BundlePuller.PullAsync(Stores, new PullRequest(Locations.Parse(meta, "-b"), true, pulled, false), _ => { }, CancellationToken.None);
        var installs = ResourceYaml.Read(File.ReadAllText(Path.Combine(pulled, "config", "config.yml")), "config/config.yml")
            .Documents.Select(d => d.Resource).OfType<PackageInstall>().ToList();
        var selected = installs.ToDictionary(
            i => i.Metadata.Name!,
            i => contents.Select(i.Spec.PackageRef!.RefName!, i.Spec.PackageRef.VersionSelection!.ToVersionSelection()).Package.Spec.Version);
        Assert.Equal(new Dictionary<string, string?> { ["contour"] = "1.17.1", ["cert-manager"] = "1.5.1", ["external-dns"] = "1.17.1" }, selected);
        var tree = await PackageTreeResolver.ResolveAsync(
            contents.Find("my-package.my-opinionated.com", "0.0.1"), [contents], new StaticPackageRenderer(Stores, [contents]).RenderAsync, CancellationToken.None);
        Assert.Equal(
            ["my-package.my-opinionated.com 0.0.1", "contour.community.tanzu.vmware.com 1.17.1", "cert-manager.community.tanzu.vmware.com 1.5.1", "external-dns.community.tanzu.vmware.com 1.17.1"],
            new[] { tree }.Concat(tree.Children).Select(n => $"{n.Package.RefName} {n.Package.Version}"));
        var none = Assert.Throws<VersionSelectionException>(() => contents.Select("contour.community.tanzu.vmware.com", new VersionSelection(">=2.0.0")));
        Assert.Contains("available: 1.5.1, 1.17.1", none.Message);

        // imgpkg's layout: pulling the repository bundle gives packages/ and the ImagesLock.
        string repoDir = Path.Combine(_tmp, "repo");
        await BundlePuller.PullAsync(Stores, new PullRequest(Locations.Parse($"{prefix}/repo:1.0.0", "-b"), true, repoDir, false), _ => { }, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(repoDir, "packages", "contour.community.tanzu.vmware.com", "1.17.1.yml")));
        Assert.True(File.Exists(Path.Combine(repoDir, "packages", "contour.community.tanzu.vmware.com", "metadata.yml")));
        Assert.True(File.Exists(Path.Combine(repoDir, ".imgpkg", "images.yml")));

        // Copying the repository relocates every package bundle with it, as imgpkg copy does.
        string layout = "oci:" + Path.Combine(_tmp, "layout");
        var copy = await new BundleCopier(Stores, new CopyOptions(), NoProgress.Instance, _ => { })
            .CopyAsync(new CopySource(Bundle: Locations.Parse($"{prefix}/repo:1.0.0", "-b")), new CopyDestination(Repository: Locations.Parse(layout, "--to-repo")), CancellationToken.None);
        Assert.Equal(1 + bundles.Count, copy.Images);
        var copied = await RepositoryReader.ReadBundleAsync(Stores, Locations.Parse(copy.RootDigestReference!, "--repo"), CancellationToken.None);
        Assert.Equal(contents.PackageNames, copied.PackageNames);

        // Installs fetch package bundles from the copy (next to the repository), and from the original otherwise.
        var contour = copied.Find("contour.community.tanzu.vmware.com", "1.17.1");
        string original = contour.Package.Spec.Template!.Spec!.Fetch![0].ImgpkgBundle!.Image!;
        Assert.Equal($"{layout}@{original.Split('@')[1]}", await copied.LocateBundleAsync(contour, Stores, CancellationToken.None));
        Assert.Equal(original, await contents.LocateBundleAsync(contents.Find("contour.community.tanzu.vmware.com", "1.17.1"), Stores, CancellationToken.None));
    }
}
