using Hull.Images.Output;
using Hull.Yaml;

namespace Hull.Images.Tests;

public class ResolutionTests
{
    private static async Task<(string Yaml, ResolveResult Result)> Run(string yaml, FakeResolver? resolver = null, ResolveOptions? options = null)
    {
        var result = await ImageResolution.ResolveAsync([YamlParser.Parse(yaml, "in.yml")], resolver ?? new FakeResolver(), options);
        return (string.Concat(result.Documents.Select(d => "---\n" + YamlEmitter.Emit(d.Value))), result);
    }

    private const string Package = """
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
              fetch:
              - imgpkgBundle:
                  image: ttl.sh/my-package-config:1d
        """;

    [Fact]
    public async Task PackageComesOutAsTheGuideShows()
    {
        var (yaml, _) = await Run(Package);
        string digest = FakeResolver.DigestOf("ttl.sh/my-package-config:1d");
        Assert.Equal($"""
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
                    url: ttl.sh/my-package-config@{digest}
              name: config.my-opinionated.com.0.0.1
              namespace: default
            spec:
              refName: config.my-opinionated.com
              version: 0.0.1
              template:
                spec:
                  fetch:
                  - imgpkgBundle:
                      image: ttl.sh/my-package-config@{digest}

            """, yaml);
    }

    [Fact]
    public async Task RerunningOnTheOutputChangesNothing()
    {
        var (first, _) = await Run(Package);
        var (second, _) = await Run(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task EachDistinctReferenceIsResolvedOnce()
    {
        var resolver = new FakeResolver();
        var docs = string.Join("---\n", Enumerable.Range(0, 50).Select(i => $"image: img-{i % 5}:1\nother:\n  image: img-{i % 5}:1\n"));
        var (_, result) = await Run(docs, resolver);
        Assert.Equal(5, resolver.Calls.Count);
        Assert.Equal(5, result.Images.Count);
        Assert.Equal(50, result.Documents.Count);
    }

    [Fact]
    public async Task AllFailingReferencesAreReportedTogether()
    {
        var e = await Assert.ThrowsAsync<ImagesException>(() => Run("a:\n  image: x:missing1\nb:\n  image: ok:1\nc:\n  image: y:missing2\nd:\n  image: 'Not A Ref'\n"));
        Assert.Contains("3 image references failed", e.Message);
        Assert.Contains("'index.docker.io/library/x:missing1'".Replace("index.docker.io/library/", ""), e.Message);
        Assert.Contains("y:missing2", e.Message);
        Assert.Contains("Not A Ref", e.Message);
        Assert.DoesNotContain("ok:1", e.Message);
    }

    [Fact]
    public async Task ConfigAndImagesLockDocumentsAreConsumedAndApplied()
    {
        const string input = """
            apiVersion: kbld.k14s.io/v1alpha1
            kind: Config
            overrides:
            - image: app:dev
              newImage: registry.example/app@sha256:1111111111111111111111111111111111111111111111111111111111111111
              preresolved: true
            ---
            apiVersion: imgpkg.carvel.dev/v1alpha1
            kind: ImagesLock
            images:
            - image: registry.example/db@sha256:2222222222222222222222222222222222222222222222222222222222222222
              annotations:
                kbld.carvel.dev/id: db:latest
            ---
            kind: Pod
            apiVersion: v1
            spec:
              containers:
              - image: app:dev
              - image: db:latest
            """;
        var resolver = new FakeResolver();
        var (yaml, result) = await Run(input, resolver);
        Assert.Empty(resolver.Calls);
        Assert.Single(result.Documents);
        Assert.Contains("- image: registry.example/app@sha256:1111", yaml);
        Assert.Contains("- image: registry.example/db@sha256:2222", yaml);
        Assert.Contains("- preresolved:\n            url: registry.example/app@sha256:1111", yaml);
        Assert.DoesNotContain("kind: Config", yaml);
        Assert.DoesNotContain("ImagesLock", yaml);
    }

    [Fact]
    public async Task ImagesAnnotationCanBeTurnedOffAndNonResourcesAreNotAnnotated()
    {
        var (yaml, _) = await Run(Package, options: new ResolveOptions { ImagesAnnotation = false });
        Assert.DoesNotContain("kbld.k14s.io/images", yaml);
        var (plain, _) = await Run("images:\n- image: nginx\n");
        Assert.DoesNotContain("kbld.k14s.io/images", plain);
        Assert.Contains("image: index.docker.io/library/nginx@sha256:", plain);
    }

    [Fact]
    public async Task LockOutputPinsEveryReferencePreresolved()
    {
        var (_, result) = await Run("image: nginx:1.25\n");
        string text = KbldLockOutput.Emit(result.Images);
        Assert.Equal($"""
            apiVersion: kbld.k14s.io/v1alpha1
            kind: Config
            minimumRequiredVersion: 0.45.0
            overrides:
            - image: nginx:1.25
              newImage: index.docker.io/library/nginx@{FakeResolver.DigestOf("nginx:1.25")}
              preresolved: true

            """, text);
        var lockAnnotations = KbldLockOutput.ImagesLockAnnotations(result.Images[0]);
        Assert.Equal("nginx:1.25", lockAnnotations["kbld.carvel.dev/id"]);
        Assert.Equal("- resolved:\n    tag: \"1.25\"\n    url: nginx:1.25\n", lockAnnotations["kbld.carvel.dev/origins"]);
    }

    [Fact]
    public async Task EmbeddedYamlIsRewrittenWithResolvedReferences()
    {
        const string input = """
            apiVersion: kbld.k14s.io/v1alpha1
            kind: Config
            searchRules:
            - keyMatcher: {name: values.json}
              updateStrategy: {json: {}}
            ---
            apiVersion: v1
            kind: ConfigMap
            data:
              values.json: '{"image":"redis:6","n":1}'
            """;
        var (yaml, _) = await Run(input);
        Assert.Contains($"values.json: '{{\"image\":\"index.docker.io/library/redis@{FakeResolver.DigestOf("redis:6")}\",\"n\":1}}'", yaml);
    }

    [Fact]
    public async Task UnresolvedInspectListsWithoutResolving()
    {
        var resolver = new FakeResolver();
        var (_, result) = await Run("image: a:1\nx:\n  image: b:2\n", resolver, new ResolveOptions { Unresolved = true });
        Assert.Empty(resolver.Calls);
        Assert.Equal(["a:1", "b:2"], result.Images.Select(i => i.Id));
    }
}
