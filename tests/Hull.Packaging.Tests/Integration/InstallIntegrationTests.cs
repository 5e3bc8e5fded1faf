using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Operations;
using Hull.Oci.References;
using Hull.Packaging.Authoring;
using Hull.Packaging.Installing;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.App;
using Hull.Packaging.Tests.Schemas;

namespace Hull.Packaging.Tests.Integration;

/// <summary>
/// Against the test registry: packages released with PackageReleaser into a repository, then installed into a dir:
/// target by the in-process reconciler (issue 9's release, issue 10's installs).
/// </summary>
public sealed class InstallIntegrationTests : IDisposable
{
    private readonly PackageWorkbench _bench = new();

    public void Dispose() => _bench.Dispose();

    private const string Schema = """
        #@data/values-schema
        ---
        #@schema/desc "Replicas of the app"
        replicas: 1
        greeting: hello
        """;

    private async Task<string> PushImageAsync()
    {
        string dir = Path.Combine(_bench.Root, "image");
        PackageWorkbench.Write(Path.Combine(dir, "app.txt"), "app");
        var pushed = await BundlePusher.PushAsync(_bench.Stores, new PushRequest(Locations.Parse($"{_bench.Prefix}/img:1", "-i"), new LayerOptions([dir], LayerOptions.DefaultExclusions), false, new Dictionary<string, string>()), _ => { }, CancellationToken.None);
        return pushed.DigestReference;
    }

    private Dictionary<string, string> AppConfig(bool withService) => new()
    {
        ["values-schema.yml"] = Schema,
        ["config.yml"] = $$"""
            #@ load("@ytt:data", "data")
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app
            data:
              greeting: #@ data.values.greeting
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              replicas: #@ data.values.replicas
              selector:
                matchLabels:
                  app: app
              template:
                metadata:
                  labels:
                    app: app
                spec:
                  containers:
                  - name: app
                    image: {{_bench.Prefix}}/img:1
            """,
        [withService ? "service.yml" : "README.txt"] = withService ? "apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  ports:\n  - port: 80\n" : "notes",
    };

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).StartsWith(".hull", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText);

    [Fact]
    public async Task ReleaseLocksImagesPushesTheBundleAndWritesThePackage()
    {
        string image = await PushImageAsync();
        string folder = _bench.Folder("app.corp.com", AppConfig(withService: false));

        var release = await _bench.ReleaseAsync(folder, "1.0.0");

        var package = release.Package;
        Assert.Equal("app.corp.com.1.0.0", package.Metadata.Name);
        Assert.Equal("1.0.0", package.Spec.Version);
        string bundle = package.Spec.Template!.Spec!.Fetch![0].ImgpkgBundle!.Image!;
        Assert.Equal(release.Push.DigestReference, bundle);
        Assert.Contains($"url: {_bench.Prefix}/app:1.0.0", package.Metadata.Annotations!["kbld.k14s.io/images"], StringComparison.Ordinal);
        Assert.Equal(["config/"], package.Spec.Template.Spec.Template![0].Ytt!.Paths);
        Assert.Equal(["-", ".imgpkg/images.yml"], package.Spec.Template.Spec.Template[1].Kbld!.Paths);
        Assert.NotNull(package.Spec.Template.Spec.Deploy![0].Kapp);
        Assert.NotNull(package.Spec.ReleasedAt);
        var schema = Assert.IsType<Hull.Yaml.Map>(package.Spec.ValuesSchema!.OpenAPIv3);
        Assert.Equal("Replicas of the app", ((schema.Find("properties")!.Value as Hull.Yaml.Map)!.Find("replicas")!.Value as Hull.Yaml.Map)!.Find("description")!.Value);
        Assert.Contains(image, release.ImagesLock, StringComparison.Ordinal);
        Assert.Contains(image, File.ReadAllText(Path.Combine(folder, ".imgpkg", "images.yml")), StringComparison.Ordinal);
        CrdSchemas.AssertValid(package);
        CrdSchemas.AssertValid(release.Metadata);

        // The bundle holds config/ and the lock, and renders with every image by digest.
        var contents = await _bench.PublishAsync();
        var (target, reconciler) = _bench.Open();
        using (target)
        {
            var installed = await reconciler.ReconcileAsync(PackageWorkbench.Install("app", "app.corp.com", "1.0.0"), CancellationToken.None);
            Assert.True(installed.Succeeded, installed.UsefulErrorMessage);
            string deployment = File.ReadAllText(Path.Combine(target.Root, "default", "app", "deployment.apps-default-app.yml"));
            Assert.Contains($"image: {image}", deployment, StringComparison.Ordinal);
        }
        Assert.Single(contents.Packages);
    }

    [Fact]
    public async Task ARelocatedRepositoryInstallsFromTheCopyWithImagesAtTheirNewLocation()
    {
        string image = await PushImageAsync();
        await _bench.ReleaseAsync(_bench.Folder("app.corp.com", AppConfig(withService: false)), "1.0.0");
        await _bench.PublishAsync();
        string destination = $"{_bench.Prefix}-copy/repo";
        var copy = await new BundleCopier(_bench.Stores, new CopyOptions(), Hull.Bundles.Progress.NoProgress.Instance, _ => { })
            .CopyAsync(new CopySource(Bundle: Locations.Parse($"{_bench.Prefix}/repo:latest", "-b")), new CopyDestination(Repository: Locations.Parse(destination, "--to-repo")), CancellationToken.None);
        var copied = await Hull.Packaging.Repositories.RepositoryReader.ReadBundleAsync(_bench.Stores, Locations.Parse(copy.RootDigestReference!, "--repo"), CancellationToken.None);
        _bench.Contents.Clear();
        _bench.Contents.Add(copied);
        var (target, reconciler) = _bench.Open();
        using (target)
        {
            var installed = await reconciler.ReconcileAsync(PackageWorkbench.Install("app", "app.corp.com", "1.0.0"), CancellationToken.None);

            Assert.True(installed.Succeeded, installed.UsefulErrorMessage);
            Assert.StartsWith(destination + "@sha256:", installed.Bundle, StringComparison.Ordinal);
            string deployment = File.ReadAllText(Path.Combine(target.Root, "default", "app", "deployment.apps-default-app.yml"));
            Assert.Contains($"image: {destination}@{image.Split('@')[1]}", deployment, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BadPackageFoldersAreRejectedBeforeAnythingIsPushed()
    {
        string noConfig = _bench.Folder("empty.corp.com", new Dictionary<string, string>());
        var error = await Assert.ThrowsAsync<PackageAuthoringException>(() => _bench.ReleaseAsync(noConfig, "1.0.0"));
        Assert.Contains("no config/", error.Message, StringComparison.Ordinal);
        Assert.Contains("package.yml", error.Message, StringComparison.Ordinal);

        string badSchema = _bench.Folder("schema.corp.com", new Dictionary<string, string> { ["values-schema.yml"] = "#@data/values-schema\n---\n#@schema/type any=Maybe\nreplicas: 1\n" });
        error = await Assert.ThrowsAsync<PackageAuthoringException>(() => _bench.ReleaseAsync(badSchema, "1.0.0"));
        Assert.Contains("schema does not compile", error.Message, StringComparison.Ordinal);
        Assert.Contains("values-schema.yml", error.Message, StringComparison.Ordinal);

        string good = _bench.Folder("version.corp.com", AppConfig(withService: false));
        error = await Assert.ThrowsAsync<PackageAuthoringException>(() => _bench.ReleaseAsync(good, "1.0"));
        Assert.Equal("--version: '1.0' is not a semantic version (e.g. 1.2.3, 1.0.0-rc.1)", error.Message);

        using var client = new Hull.Oci.Registry.RegistryClient(new Hull.Oci.Registry.RegistryOptions());
        foreach (string repository in new[] { "empty", "schema", "version" })
        {
            await Assert.ThrowsAnyAsync<Hull.Oci.OciException>(() => client.ListTagsAsync(ImageReference.Parse($"{_bench.Prefix}/{repository}"), CancellationToken.None));
        }
    }

    [Fact]
    public async Task InstallUpgradeDeleteAndConflicts()
    {
        await PushImageAsync();
        string folder = _bench.Folder("app.corp.com", AppConfig(withService: false));
        await _bench.ReleaseAsync(folder, "1.0.0");
        _bench.Folder("app.corp.com", AppConfig(withService: true));
        await _bench.ReleaseAsync(folder, "1.1.0");
        await _bench.PublishAsync();
        var (target, reconciler) = _bench.Open();
        using (target)
        {
            var app = await reconciler.ReconcileAsync(PackageWorkbench.Install("app", "app.corp.com", "1.0.0", ("values.yml", "greeting: hi\n")), CancellationToken.None);
            Assert.True(app.Succeeded, app.UsefulErrorMessage);
            var before = Snapshot(target.Root);
            Assert.Equal(["default/app/configmap-default-app.yml", "default/app/deployment.apps-default-app.yml"], before.Keys.Order());
            Assert.Contains("greeting: hi", before["default/app/configmap-default-app.yml"], StringComparison.Ordinal);

            // Upgrade: new version (adds a Service) and new values (changes the ConfigMap); the Deployment is untouched.
            var upgraded = await reconciler.ReconcileAsync(
                PackageWorkbench.Install("app", "app.corp.com", ">=1.0.0", ("values.yml", "greeting: bye\n")) with { Created = app.Created }, CancellationToken.None);
            Assert.True(upgraded.Succeeded, upgraded.UsefulErrorMessage);
            Assert.Equal("1.1.0", upgraded.Version);
            var after = Snapshot(target.Root);
            var changed = after.Keys.Union(before.Keys).Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || a != b).Order().ToList();
            Assert.Equal(["default/app/configmap-default-app.yml", "default/app/service-default-app.yml"], changed);
            Assert.NotEqual(app.ValuesDigest, upgraded.ValuesDigest);

            // A second installation claiming the same ConfigMap is refused before anything is written.
            var other = await reconciler.ReconcileAsync(PackageWorkbench.Install("other", "app.corp.com", "1.0.0"), CancellationToken.None);
            Assert.False(other.Succeeded);
            Assert.Contains("conflict: ConfigMap default/app (v1) belongs to installation default/app", other.UsefulErrorMessage, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(target.Root, "default", "other")));
            Assert.Equal(after, Snapshot(target.Root));
            target.Delete(other);

            // Delete removes exactly what the installation owns: a file someone else put there stays.
            File.WriteAllText(Path.Combine(target.Root, "default", "app", "NOTES.md"), "mine");
            target.Delete(target.Find("default", "app")!);
            Assert.Equal(["default/app/NOTES.md"], Snapshot(target.Root).Keys);
            Assert.Empty(target.List());
        }
    }

    [Fact]
    public async Task FaultsAreRecordedInOneLineAndLeaveTheInstallationAlone()
    {
        await PushImageAsync();
        string folder = _bench.Folder("app.corp.com", AppConfig(withService: false));
        var released = await _bench.ReleaseAsync(folder, "1.0.0");
        // A version whose bundle no longer resolves (the guide's expired ttl.sh bundle).
        string gone = $"{_bench.Prefix}/gone@sha256:{new string('0', 64)}";
        _bench.Add(released.Package with
        {
            Metadata = released.Package.Metadata with { Name = "app.corp.com.2.0.0", Annotations = null },
            Spec = released.Package.Spec with
            {
                Version = "2.0.0",
                Template = new PackageTemplate { Spec = released.Package.Spec.Template!.Spec! with { Fetch = [new AppFetch { ImgpkgBundle = new AppFetchImgpkgBundle { Image = gone } }] } },
            },
        });
        await _bench.PublishAsync();
        var (target, reconciler) = _bench.Open();
        using (target)
        {
            var app = await reconciler.ReconcileAsync(PackageWorkbench.Install("app", "app.corp.com", "1.0.0"), CancellationToken.None);
            Assert.True(app.Succeeded, app.UsefulErrorMessage);
            var installed = Snapshot(target.Root);

            var badValues = await reconciler.ReconcileAsync(PackageWorkbench.Install("app", "app.corp.com", "1.0.0", ("values.yml", "replicas: many\n")) with { Created = app.Created }, CancellationToken.None);
            Assert.False(badValues.Succeeded);
            Assert.Equal("values do not match the values schema of app.corp.com 1.0.0: replicas: expected integer, got string (\"many\")", badValues.UsefulErrorMessage);

            var noVersion = await reconciler.ReconcileAsync(PackageWorkbench.Install("app", "app.corp.com", "3.0.0") with { Created = app.Created }, CancellationToken.None);
            Assert.False(noVersion.Succeeded);
            Assert.Contains("3.0.0", noVersion.UsefulErrorMessage, StringComparison.Ordinal);
            Assert.Contains("1.0.0, 2.0.0", noVersion.UsefulErrorMessage, StringComparison.Ordinal);

            var expired = await reconciler.ReconcileAsync(PackageWorkbench.Install("app", "app.corp.com", "2.0.0") with { Created = app.Created }, CancellationToken.None);
            Assert.False(expired.Succeeded);
            Assert.Contains(gone, expired.UsefulErrorMessage, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', expired.UsefulErrorMessage!);

            Assert.Equal(installed, Snapshot(target.Root));
            var recorded = target.Find("default", "app")!;
            Assert.False(recorded.Succeeded);
            Assert.Equal("1.0.0", recorded.Version);
            Assert.Equal("2.0.0", recorded.LastAttemptedVersion);
        }
    }
}
