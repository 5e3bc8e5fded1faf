using Hull.Images.Output;
using Hull.Yaml;

namespace Hull.Images.Tests;

/// <summary>Byte-exact expectations follow kbld's own end-to-end tests (sorted keys, annotation format, lock files).</summary>
public class ResolutionTests
{
    private static async Task<(string Yaml, ResolveResult Result)> Run(string yaml, FakeResolver? resolver = null, ResolveOptions? options = null)
    {
        var result = await ImageResolution.ResolveAsync([YamlParser.Parse(yaml, "in.yml")], resolver ?? new FakeResolver(), options);
        return (ResolvedOutput.Emit(result.Resources), result);
    }

    private static readonly ResolveOptions NoAnnotation = new() { ImagesAnnotation = false };

    // The guide's package.yaml (opinionated-installation-package), before `kbld --file package.yaml`.
    public const string GuidePackage = """
        apiVersion: data.packaging.carvel.dev/v1alpha1
        kind: Package
        metadata:
          name: config.my-opinionated.com.0.0.1
          namespace: default
        spec:
          refName: config.my-opinionated.com
          version: 0.0.1
          template:
            spec:
              deploy:
              - kapp: {}
              fetch:
              - imgpkgBundle:
                  image: ttl.sh/my-package-config:1d
              template:
              - ytt:
                  paths:
                  - config/
              - kbld:
                  paths:
                  - '-'
                  - .imgpkg/images.yml
        """;

    /// <summary>What kbld prints for the guide's package.yaml once the bundle resolves to <paramref name="url"/>.</summary>
    public static string GuidePackageResolved(string url) => $"""
        ---
        apiVersion: data.packaging.carvel.dev/v1alpha1
        kind: Package
        metadata:
          annotations:
            kbld.k14s.io/images: |
              - origins:
                - resolved:
                    tag: 1d
                    url: ttl.sh/my-package-config:1d
                url: {url}
          name: config.my-opinionated.com.0.0.1
          namespace: default
        spec:
          refName: config.my-opinionated.com
          template:
            spec:
              deploy:
              - kapp: {"{}"}
              fetch:
              - imgpkgBundle:
                  image: {url}
              template:
              - ytt:
                  paths:
                  - config/
              - kbld:
                  paths:
                  - '-'
                  - .imgpkg/images.yml
          version: 0.0.1

        """;

    [Fact]
    public async Task GuidePackageComesOutAsKbldWritesIt()
    {
        var (yaml, _) = await Run(GuidePackage);
        Assert.Equal(GuidePackageResolved(FakeResolver.Resolved("ttl.sh/my-package-config:1d")), yaml);
    }

    [Fact]
    public async Task RerunningOnTheOutputChangesNothing()
    {
        var (first, _) = await Run(GuidePackage);
        var (second, _) = await Run(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task AnnotationSkipsDigestsDeduplicatesAndSortsLikeKbld()
    {
        string d = FakeResolver.Resolved("nginx:1.14.2");
        var (yaml, _) = await Run($"""
            kind: Object
            spec:
            - image: nginx:1.14.2
            - image: nginx:1.14.2
            - image: library/nginx:1.14.2
            - image: docker.io/library/nginx@{d.Split('@')[1]}
            """);
        Assert.Equal($"""
            ---
            kind: Object
            metadata:
              annotations:
                kbld.k14s.io/images: |
                  - origins:
                    - resolved:
                        tag: 1.14.2
                        url: nginx:1.14.2
                    url: {d}
                  - origins:
                    - resolved:
                        tag: 1.14.2
                        url: library/nginx:1.14.2
                    url: {d}
            spec:
            - image: {d}
            - image: {d}
            - image: {d}
            - image: {d}

            """, yaml);
    }

    [Fact]
    public async Task PreresolvedOverridesAreSortedInTheAnnotation()
    {
        var (yaml, _) = await Run("""
            kind: Object
            spec:
            - image: foo/img1:bbb
            - image: foo/img1:aaa
            ---
            apiVersion: kbld.k14s.io/v1alpha1
            kind: ImageOverrides
            overrides:
            - image: foo/img1:bbb
              newImage: bbb
              preresolved: true
            - image: foo/img1:aaa
              newImage: aaa
              preresolved: true
            """);
        Assert.Equal("""
            ---
            kind: Object
            metadata:
              annotations:
                kbld.k14s.io/images: |
                  - origins:
                    - preresolved:
                        url: aaa
                    url: aaa
                  - origins:
                    - preresolved:
                        url: bbb
                    url: bbb
            spec:
            - image: bbb
            - image: aaa

            """, yaml);
    }

    private const string LockInput = """
        images:
        - image: nginx:1.14.2
        - image: sample-app
        - sidecarImage: sample-app
        - - sample-app
        ---
        apiVersion: kbld.k14s.io/v1alpha1
        kind: ImageOverrides
        overrides:
        - image: sample-app
          newImage: nginx:1.15.1
        ---
        apiVersion: kbld.k14s.io/v1alpha1
        kind: ImageKeys
        keys:
        - sidecarImage
        ---
        apiVersion: kbld.k14s.io/v1alpha1
        kind: Config
        searchRules:
        - keyMatcher:
            path: [images, {allIndexes: true}, {index: 0}]
        """;

    [Fact]
    public async Task LockOutputAndImgpkgLockOutputAreWhatKbldWrites()
    {
        string d1 = FakeResolver.Resolved("nginx:1.14.2"), d2 = FakeResolver.Resolved("nginx:1.15.1");
        var (yaml, result) = await Run(LockInput, options: NoAnnotation);
        Assert.Equal($"""
            ---
            images:
            - image: {d1}
            - image: {d2}
            - sidecarImage: {d2}
            - - {d2}

            """, yaml);
        Assert.Equal($"""
            apiVersion: kbld.k14s.io/v1alpha1
            kind: Config
            minimumRequiredVersion: 0.45.0
            overrides:
            - image: nginx:1.14.2
              newImage: {d1}
              preresolved: true
            - image: sample-app
              newImage: {d2}
              preresolved: true
            searchRules:
            - keyMatcher:
                name: sidecarImage
            - keyMatcher:
                path:
                - images
                - allIndexes: true
                - index: 0

            """, KbldLockOutput.Config(result));
        string imgpkgLock = KbldLockOutput.ImagesLock(result);
        Assert.Equal($"""
            ---
            apiVersion: imgpkg.carvel.dev/v1alpha1
            images:
            - annotations:
                kbld.carvel.dev/id: nginx:1.14.2
                kbld.carvel.dev/origins: |
                  - resolved:
                      tag: 1.14.2
                      url: nginx:1.14.2
              image: {d1}
            - annotations:
                kbld.carvel.dev/id: sample-app
                kbld.carvel.dev/origins: |
                  - resolved:
                      tag: 1.15.1
                      url: nginx:1.15.1
              image: {d2}
            kind: ImagesLock

            """, imgpkgLock);
        Assert.DoesNotContain("origins", KbldLockOutput.ImagesLock(result, withOrigins: false));

        // The ImagesLock given back as input pins the references without asking a registry, and adds a preresolved origin.
        var resolver = new FakeResolver();
        var again = await ImageResolution.ResolveAsync([YamlParser.Parse("images:\n- image: nginx:1.14.2\n- image: sample-app\n", "in.yml"), YamlParser.Parse(imgpkgLock, "lock.yml")], resolver);
        Assert.Empty(resolver.Calls);
        Assert.Equal($"""
            ---
            images:
            - image: {d1}
            - image: {d2}
            metadata:
              annotations:
                kbld.k14s.io/images: |
                  - origins:
                    - resolved:
                        tag: 1.14.2
                        url: nginx:1.14.2
                    - preresolved:
                        url: {d1}
                    url: {d1}
                  - origins:
                    - resolved:
                        tag: 1.15.1
                        url: nginx:1.15.1
                    - preresolved:
                        url: {d2}
                    url: {d2}

            """, ResolvedOutput.Emit(again.Resources));
    }

    [Fact]
    public async Task OverridesByImageAndByRepositoryAsWritten()
    {
        string d = FakeResolver.Resolved("docker.io/library/nginx:1.14.2");
        var (yaml, _) = await Run($"""
            kind: Object
            spec:
            - image: unknown
            - image: final
            - image: docker.io/library/not-nginx
            - image: docker.io/library/not-nginx:1.20@sha256:{new string('f', 64)}
            - image: library/not-nginx:1
            ---
            apiVersion: kbld.k14s.io/v1alpha1
            kind: ImageOverrides
            overrides:
            - image: unknown
              newImage: docker.io/library/nginx:1.14.2
            - image: final
              newImage: docker.io/library/nginx:1.14.2
              preresolved: true
            - imageRepo: docker.io/library/not-nginx
              newImage: docker.io/library/nginx:1.14.2
            """, options: NoAnnotation);
        Assert.Equal($"""
            ---
            kind: Object
            spec:
            - image: {d}
            - image: docker.io/library/nginx:1.14.2
            - image: {d}
            - image: {d}
            - image: {FakeResolver.Resolved("library/not-nginx:1")}

            """, yaml);
    }

    [Fact]
    public async Task EmptyInputsGiveAnEmptyImagesLock()
    {
        var (yaml, result) = await Run("apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n");
        Assert.Equal("---\napiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\n", KbldLockOutput.ImagesLock(result));
        Assert.Equal("---\napiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\n", yaml);
    }

    [Fact]
    public async Task EachDistinctReferenceIsResolvedOnce()
    {
        var resolver = new FakeResolver();
        var docs = string.Join("---\n", Enumerable.Range(0, 50).Select(i => $"image: img-{i % 5}:1\nother:\n  image: img-{i % 5}:1\n"));
        var (_, result) = await Run(docs, resolver);
        Assert.Equal(5, resolver.Calls.Count);
        Assert.Equal(5, result.Images.Count);
        Assert.Equal(50, result.Resources.Count);
    }

    [Fact]
    public async Task AllFailingReferencesAreReportedTogether()
    {
        var e = await Assert.ThrowsAsync<ImagesException>(() => Run("a:\n  image: x:missing1\nb:\n  image: ok:1\nc:\n  image: y:missing2\nd:\n  image: 'Not A Ref'\n"));
        Assert.StartsWith("3 image references failed to resolve:\n", e.Message);
        Assert.Contains("- resolving image 'x:missing1'", e.Message);
        Assert.Contains("- resolving image 'y:missing2'", e.Message);
        Assert.Contains("- resolving image 'Not A Ref'", e.Message);
        Assert.DoesNotContain("ok:1", e.Message);
        Assert.Equal(4, e.Message.Split('\n').Length);
    }

    [Fact]
    public async Task ImagesAnnotationCanBeTurnedOffAndAnyMapIsAnnotated()
    {
        var (yaml, _) = await Run(GuidePackage, options: NoAnnotation);
        Assert.DoesNotContain("kbld.k14s.io/images", yaml);
        var (plain, _) = await Run("images:\n- image: nginx\n");
        Assert.Contains("metadata:\n  annotations:\n    kbld.k14s.io/images: |\n      - origins:\n        - resolved:\n            tag: latest\n            url: nginx\n", plain);
    }

    [Fact]
    public async Task EmbeddedJsonAndYamlAreReencodedAsKbldDoes()
    {
        const string input = """
            apiVersion: kbld.k14s.io/v1alpha1
            kind: Config
            searchRules:
            - keyMatcher: {name: values.json}
              updateStrategy: {json: {searchRules: [{keyMatcher: {name: image}}]}}
            - keyMatcher: {name: values.yml}
              updateStrategy: {yaml: {searchRules: [{keyMatcher: {name: image}}]}}
            - keyMatcher: {name: other.json}
              updateStrategy: {json: {}}
            ---
            apiVersion: v1
            kind: ConfigMap
            data:
              values.json: '{"n":1,"image":"redis:6","html":"<a&b>","f":1.5}'
              values.yml: |
                z: 1
                image: redis:6
              other.json: '{"z":2, "image":"redis:7"}'
            """;
        var (yaml, _) = await Run(input, options: NoAnnotation);
        string d = FakeResolver.Resolved("redis:6");
        Assert.Contains($"  values.json: '{{\"f\":1.5,\"html\":\"\\u003ca\\u0026b\\u003e\",\"image\":\"{d}\",\"n\":1}}'\n", yaml);
        Assert.Contains($"  values.yml: |\n    ---\n    image: {d}\n    z: 1\n", yaml);
        Assert.Contains("  other.json: '{\"image\":\"redis:7\",\"z\":2}'\n", yaml);
    }

    [Fact]
    public async Task ImageMapPreresolvesReferences()
    {
        var resolver = new FakeResolver();
        var (yaml, _) = await Run("kind: Object\nspec:\n- image: img1\n- image: img3\n", resolver, new ResolveOptions
        {
            ImagesAnnotation = false,
            ImageMap = new Dictionary<string, string> { ["img1"] = "docker.io/foo/img1:1", ["img3"] = "img3" },
        });
        Assert.Empty(resolver.Calls);
        Assert.Equal("---\nkind: Object\nspec:\n- image: docker.io/foo/img1:1\n- image: img3\n", yaml);
    }

    [Fact]
    public async Task UnresolvedInspectListsSortedWithoutResolving()
    {
        var resolver = new FakeResolver();
        var (_, result) = await Run("image: b:2\nx:\n  image: a:1\n", resolver, new ResolveOptions { Unresolved = true });
        Assert.Empty(resolver.Calls);
        Assert.Equal("- image: a:1\n- image: b:2\n", ResolvedOutput.Unresolved(result));
        var (_, none) = await Run("a: 1\n", resolver, new ResolveOptions { Unresolved = true });
        Assert.Equal("[]\n", ResolvedOutput.Unresolved(none));
    }

    [Fact]
    public void InspectListsImagesWithRecordedOrigins()
    {
        var images = ImageInspection.Inspect([YamlParser.Parse(GuidePackageResolved("ttl.sh/my-package-config@sha256:" + new string('a', 64)), "p.yml")]);
        var image = Assert.Single(images);
        Assert.Equal("package/config.my-opinionated.com.0.0.1 (data.packaging.carvel.dev/v1alpha1) namespace: default", image.Resource);
        Assert.Equal("- resolved:\n    tag: 1d\n    url: ttl.sh/my-package-config:1d", image.Metadata);
        Assert.Contains("Metadata  - resolved:\n              tag: 1d\n", ImageInspection.Table(images));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.5, "1.5")]
    [InlineData(100.0, "100")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000001, "1e-7")]
    [InlineData(-2.5e-8, "-2.5e-8")]
    [InlineData(-0.0, "-0")]
    [InlineData(9007199254740993.0, "9007199254740992")]
    public void JsonFloatsAreWrittenAsGoWritesThem(double value, string text) => Assert.Equal(text, GoJson.Emit(value));

    [Fact]
    public void KeysAreSortedInGoYamlOrder()
    {
        var keys = new List<string> { "b", "a10", "a9", "A", "_x", "a" };
        keys.Sort(GoKeyOrder.Instance);
        Assert.Equal(["_x", "A", "a", "a9", "a10", "b"], keys);
    }
}
