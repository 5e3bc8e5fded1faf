using Hull.Images.Config;
using Hull.Images.Search;
using Hull.Yaml;

namespace Hull.Images.Tests;

public class SearchRuleTests
{
    private static List<string> Find(string yaml, string? config = null)
    {
        var sets = new List<DocumentSet> { YamlParser.Parse(yaml, "in.yml") };
        if (config is not null)
            sets.Add(YamlParser.Parse(config, "config.yml"));
        var (resources, kbld) = ImageResolution.Load(sets);
        var finder = new ImageFinder(kbld.SearchRules);
        return resources.SelectMany(r => finder.Find(r.Root, [])).Select(s => s.Image).ToList();
    }

    [Fact]
    public void DefaultRuleFindsImageKeysWithStringValuesAnywhere()
    {
        var found = Find("""
            spec:
              containers:
              - name: a
                image: nginx:1.0
              initContainers:
              - image: busybox
            other:
              image: {image: not-searched-below-a-matched-key}
              list: [image, "image: x"]
            """);
        Assert.Equal(["nginx:1.0", "busybox"], found);
    }

    [Fact]
    public void PackageBundleImageIsFoundByTheDefaultRule()
    {
        var found = Find("""
            apiVersion: data.packaging.carvel.dev/v1alpha1
            kind: Package
            spec:
              template:
                spec:
                  fetch:
                  - imgpkgBundle:
                      image: ttl.sh/my-package-config:1d
            """);
        Assert.Equal(["ttl.sh/my-package-config:1d"], found);
    }

    [Fact]
    public void KeyMatcherNamePathAndImageKeysFindCustomKeys()
    {
        const string config = """
            apiVersion: kbld.k14s.io/v1alpha1
            kind: Config
            searchRules:
            - keyMatcher:
                name: sidecarImage
            - keyMatcher:
                path: [spec, images, {allIndexes: true}]
            - keyMatcher:
                path: [spec, first, {index: 0}]
            ---
            apiVersion: kbld.k14s.io/v1alpha1
            kind: ImageKeys
            keys: [customImage]
            """;
        var found = Find("""
            sidecarImage: envoy:1
            spec:
              images: [a:1, b:2]
              first: [c:3, d:4]
              nested:
                customImage: e:5
            """, config);
        Assert.Equal(["envoy:1", "a:1", "b:2", "c:3", "e:5"], found);
    }

    [Fact]
    public void ValueMatcherMatchesTheRepositoryAsWrittenAndNoneStopsOtherRules()
    {
        const string config = """
            apiVersion: kbld.k14s.io/v1alpha1
            kind: Config
            searchRules:
            - valueMatcher:
                imageRepo: gcr.io/proj/app
            - valueMatcher:
                imageRepo: nginx
            - keyMatcher:
                name: image
              valueMatcher:
                image: skip-me
              updateStrategy:
                none: {}
            """;
        var found = Find("""
            args: ["--x", "gcr.io/proj/app:v1", "docker.io/library/nginx:1"]
            image: skip-me
            env: {value: "gcr.io/proj/app@sha256:0000000000000000000000000000000000000000000000000000000000000000"}
            other: nginx
            """, config);
        Assert.Equal(["gcr.io/proj/app:v1", "gcr.io/proj/app@sha256:0000000000000000000000000000000000000000000000000000000000000000", "nginx"], found);
    }

    [Theory]
    [InlineData("localhost:5000/app:1", "localhost:5000/app")]
    [InlineData("localhost:5000/app", "localhost:5000/app")]
    [InlineData("app:1@sha256:abc", "app")]
    [InlineData("nginx", "nginx")]
    public void RepositoryIsTakenAsWritten(string image, string repository) => Assert.Equal(repository, ImageRepository.Of(image));

    [Fact]
    public void YamlAndJsonStrategiesSearchInsideStrings()
    {
        const string config = """
            apiVersion: kbld.k14s.io/v1alpha1
            kind: Config
            searchRules:
            - keyMatcher: {name: config.yml}
              updateStrategy:
                yaml:
                  searchRules:
                  - keyMatcher: {name: img}
            - keyMatcher: {name: config.json}
              updateStrategy:
                json:
                  searchRules:
                  - keyMatcher: {name: image}
            - keyMatcher: {name: not.json}
              updateStrategy:
                json:
                  searchRules:
                  - keyMatcher: {name: image}
            - keyMatcher: {name: no-rules.json}
              updateStrategy:
                json: {}
            """;
        var found = Find("""
            data:
              config.yml: |
                img: redis:6
                image: not-searched:1
              config.json: '{"image": "postgres:14"}'
              not.json: 'image: mysql:8'
              no-rules.json: '{"image": "mongo:7"}'
            """, config);
        Assert.Equal(["redis:6", "postgres:14"], found);
    }

    [Theory]
    [InlineData("sources:\n- image: x\n  path: .", "'sources' is not supported")]
    [InlineData("destinations:\n- image: x", "'destinations' is not supported")]
    [InlineData("minimumRequiredVersion: 99.0.0", "does not meet the minimum required version '99.0.0'")]
    [InlineData("minimumRequiredVersion: v0.1.0", "Must not have prefix 'v'")]
    [InlineData("searchRules:\n- updateStrategy: {none: {}}", "Expected KeyMatcher or ValueMatcher to be non-empty")]
    [InlineData("searchRules:\n- keyMatcher: {name: x}\n  updateStrategy: {bogus: {}}", "unknown strategy 'bogus'")]
    [InlineData("overrides:\n- newImage: x", "Validating Overrides[0]: Expected Image or ImageRepo to be non-empty")]
    [InlineData("overrides:\n- image: x\n  newImage: z\n  tagSelection: {semver: {}}", "tagSelection is not supported")]
    public void ConfigRejectsWhatItCannotDo(string body, string message)
    {
        var e = Assert.Throws<ImagesException>(() => Find("a: 1", "apiVersion: kbld.k14s.io/v1alpha1\nkind: Config\n" + body));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void EmptySourcesAndMinimumRequiredVersionBelowOursAreAccepted() =>
        Assert.Empty(Find("a: 1", "apiVersion: kbld.k14s.io/v1alpha1\nkind: Config\nsources: []\nminimumRequiredVersion: 0.30.0"));

    [Fact]
    public void DocumentsThatAreNotMapsAreRejectedAndListsAreSplit()
    {
        var e = Assert.Throws<ImagesException>(() => Find("- a\n- b\n"));
        Assert.Contains("in.yml doc 1: expected a map", e.Message);
        Assert.Equal(["x:1", "y:2"], Find("kind: List\nitems:\n- image: x:1\n- image: y:2\n"));
    }
}
