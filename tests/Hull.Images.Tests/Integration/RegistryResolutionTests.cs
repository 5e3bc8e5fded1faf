using Hull.Images.Output;
using Hull.Images.Resolving;
using Hull.Oci.Layout;
using Hull.Oci.Registry;
using Hull.Yaml;

namespace Hull.Images.Tests.Integration;

/// <summary>Acceptance of issue 8 against the test registry: a config folder, the guide's package.yaml, layouts, bad input.</summary>
public sealed class RegistryResolutionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hull-images-").FullName;
    private readonly RegistryClient _client = new(new RegistryOptions { RetryCount = 1 });
    private readonly string _prefix = $"{RegistryImages.Host}/images-{Guid.NewGuid():N}";

    public void Dispose()
    {
        _client.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task<(string Yaml, ResolveResult Result)> Resolve(IEnumerable<DocumentSet> inputs, IDigestResolver resolver)
    {
        var result = await ImageResolution.ResolveAsync(inputs, resolver);
        return (ResolvedOutput.Emit(result.Resources), result);
    }

    private static List<DocumentSet> ReadFolder(string dir) =>
        Directory.EnumerateFiles(dir, "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => YamlParser.Parse(File.ReadAllText(f), f)).ToList();

    [Fact]
    public async Task ConfigFolderResolvesAgainstTheRegistry()
    {
        var app = await RegistryImages.PushImageAsync(_client, $"{_prefix}/app:1.0", "app");
        var web = await RegistryImages.PushImageAsync(_client, $"{_prefix}/web:2.1", "web");
        var job = await RegistryImages.PushImageAsync(_client, $"{_prefix}/job:nightly", "job");
        var bundle = await RegistryImages.PushImageAsync(_client, $"{_prefix}/bundle:1d", "bundle");
        var sidecar = await RegistryImages.PushImageAsync(_client, $"{_prefix}/sidecar:2", "sidecar");
        string config = Path.Combine(_dir, "config");
        Directory.CreateDirectory(Path.Combine(config, "sub"));
        File.WriteAllText(Path.Combine(config, "deployments.yml"), $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
              annotations:
                sidecar-image: {_prefix}/sidecar:2
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: {_prefix}/app:1.0
                  - name: also-app
                    image: {_prefix}/app:1.0
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                  - name: web
                    image: {_prefix}/web:2.1
            """);
        File.WriteAllText(Path.Combine(config, "sub", "cronjob.yml"), $"""
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: job
            spec:
              schedule: "0 0 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                      - name: job
                        image: {_prefix}/job:nightly
            ---
            apiVersion: data.packaging.carvel.dev/v1alpha1
            kind: Package
            metadata:
              name: pkg.example.com.1.0.0
            spec:
              refName: pkg.example.com
              version: 1.0.0
              template:
                spec:
                  fetch:
                  - imgpkgBundle:
                      image: {_prefix}/bundle:1d
            """);
        string kbldConfig = Path.Combine(config, "kbld.yml");
        File.WriteAllText(kbldConfig, """
            apiVersion: kbld.k14s.io/v1alpha1
            kind: Config
            minimumRequiredVersion: 0.30.0
            searchRules:
            - keyMatcher:
                name: sidecar-image
            """);

        var resolver = new StoreDigestResolver(_client);
        var (yaml, result) = await Resolve(ReadFolder(config), resolver);

        // The ImagesLock lists exactly the images, each once, by the reference as written.
        string imagesLock = KbldLockOutput.ImagesLock(result);
        var locked = YamlParser.Parse(imagesLock, "lock").Items.Single(d => !d.Injected).Value as Map;
        var entries = ((YamlArray)locked!.Find("images")!.Value!).Items.Select(i => (Map)i.Value!).ToList();
        Assert.Equal(
            [($"{_prefix}/app:1.0", $"{_prefix}/app@{app.Digest}"), ($"{_prefix}/bundle:1d", $"{_prefix}/bundle@{bundle.Digest}"),
             ($"{_prefix}/job:nightly", $"{_prefix}/job@{job.Digest}"), ($"{_prefix}/sidecar:2", $"{_prefix}/sidecar@{sidecar.Digest}"),
             ($"{_prefix}/web:2.1", $"{_prefix}/web@{web.Digest}")],
            entries.Select(e => ((string)((Map)e.Find("annotations")!.Value!).Find("kbld.carvel.dev/id")!.Value!, (string)e.Find("image")!.Value!)));

        Assert.Equal(4, result.Resources.Count);
        Assert.DoesNotContain(":1.0\n", yaml.Replace($"url: {_prefix}/app:1.0\n", ""));
        Assert.Contains($"          image: {_prefix}/bundle@{bundle.Digest}\n", yaml);
        Assert.Contains($"    sidecar-image: {_prefix}/sidecar@{sidecar.Digest}\n", yaml);
        Assert.Contains($"""
                kbld.k14s.io/images: |
                  - origins:
                    - resolved:
                        tag: nightly
                        url: {_prefix}/job:nightly
                    url: {_prefix}/job@{job.Digest}

            """, yaml);
        Assert.DoesNotContain("kind: Config", yaml);

        // Re-running on the output (alone, or with the same kbld config) changes nothing.
        var (again, _) = await Resolve([YamlParser.Parse(yaml, "out.yml"), YamlParser.Parse(File.ReadAllText(kbldConfig), kbldConfig)], resolver);
        Assert.Equal(yaml, again);
        var (alone, _) = await Resolve([YamlParser.Parse(yaml, "out.yml")], resolver);
        Assert.Equal(yaml, alone);
    }

    [Fact]
    public async Task GuidePackageComesOutAsTheGuideShows()
    {
        string host = $"{RegistryImages.Host}/guide-{Guid.NewGuid():N}";
        var bundle = await RegistryImages.PushImageAsync(_client, $"{host}/my-package-config:1d", "guide-bundle");
        string input = ResolutionTests.GuidePackage.Replace("ttl.sh", host, StringComparison.Ordinal);
        var (yaml, _) = await Resolve([YamlParser.Parse(input, "package.yaml")], new StoreDigestResolver(_client));
        Assert.Equal(ResolutionTests.GuidePackageResolved($"{host}/my-package-config@{bundle.Digest}").Replace("ttl.sh", host, StringComparison.Ordinal), yaml);
    }

    [Fact]
    public async Task OciLayoutLocationsResolveToo()
    {
        string path = Path.Combine(_dir, "layout");
        var layout = OciLayout.OpenOrCreate(path);
        var manifest = await RegistryImages.PushImageAsync(layout, "v1", "layout-image");
        var input = YamlParser.Parse($"kind: Pod\nspec:\n  containers:\n  - image: oci:{path}:v1\n", "pod.yml");
        var (yaml, result) = await Resolve([input], new StoreDigestResolver(_client));
        Assert.Equal($"oci:{path}@{manifest.Digest}", Assert.Single(result.Images).Url);
        Assert.Contains($"  - image: oci:{path}@{manifest.Digest}\n", yaml);
        Assert.Contains($"            tag: v1\n            url: oci:{path}:v1\n", yaml);
    }

    [Fact]
    public async Task BadReferencesAreAllNamedInOneError()
    {
        await RegistryImages.PushImageAsync(_client, $"{_prefix}/present:1", "present");
        var input = YamlParser.Parse($"""
            a:
              image: {_prefix}/present:1
            b:
              image: {_prefix}/present:nope
            c:
              image: {_prefix}/absent:2
            d:
              image: 127.0.0.1:1/down/app:1
            e:
              image: Not//A:Ref
            """, "in.yml");
        var e = await Assert.ThrowsAsync<ImagesException>(() => ImageResolution.ResolveAsync([input], new StoreDigestResolver(_client)));
        Assert.StartsWith("4 image references failed to resolve:\n", e.Message);
        Assert.Contains($"- resolving image '{_prefix}/present:nope'", e.Message);
        Assert.Contains($"- resolving image '{_prefix}/absent:2'", e.Message);
        Assert.Contains("- resolving image '127.0.0.1:1/down/app:1'", e.Message);
        Assert.Contains("- resolving image 'Not//A:Ref': invalid reference", e.Message);
        Assert.DoesNotContain("present:1'", e.Message);
        Assert.Equal(5, e.Message.Split('\n').Length);
    }

    [Fact]
    public async Task IndexStaysAnIndexUnlessPlatformSelectsAnImage()
    {
        var (index, _, arm) = await RegistryImages.PushIndexAsync(_client, $"{_prefix}/multi:1");
        Assert.Equal($"{_prefix}/multi@{index.Digest}", (await new StoreDigestResolver(_client).ResolveAsync($"{_prefix}/multi:1")).Url);
        var selected = await new StoreDigestResolver(_client, PlatformSelector.Parse("linux/arm64")).ResolveAsync($"{_prefix}/multi:1");
        Assert.Equal($"{_prefix}/multi@{arm.Digest}", selected.Url);
        Assert.Equal(
            $"- resolved:\n    tag: \"1\"\n    url: {_prefix}/multi:1\n- platformSelected:\n    architecture: arm64\n    index: {_prefix}/multi@{index.Digest}\n    os: linux\n",
            GoYaml.Emit(new YamlArray(selected.Origins.Select(o => new ArrayItem(o)))));
        var e = await Assert.ThrowsAsync<ImagesException>(() => new StoreDigestResolver(_client, PlatformSelector.Parse("windows/amd64")).ResolveAsync($"{_prefix}/multi:1"));
        Assert.Contains("with matching platform windows/amd64, but found none", e.Message);
    }
}
