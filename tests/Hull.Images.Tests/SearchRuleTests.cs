using Hull.Images.Config;
using Hull.Images.Search;
using Hull.Yaml;

namespace Hull.Images.Tests;

public class SearchRuleTests
{
    private static List<string> Find(string yaml, string? config = null)
    {
        var kbld = new KbldConfig();
        if (config is not null)
            foreach (var d in YamlParser.Parse(config, "config.yml").Items.Where(d => !d.Injected))
                Assert.True(kbld.TryAdd(d));
        var finder = new ImageFinder(kbld.SearchRules);
        var finalisers = new List<Action>();
        return YamlParser.Parse(yaml, "in.yml").Items.Where(d => !d.Injected)
            .SelectMany(d => finder.Find(d.Value, finalisers, "in.yml")).Select(s => s.Image).ToList();
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
              image: {not: a string}
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
    public void KeyMatcherNameAndPathFindCustomKeys()
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
            """;
        var found = Find("""
            sidecarImage: envoy:1
            spec:
              images: [a:1, b:2]
              first: [c:3, d:4]
            """, config);
        Assert.Equal(["envoy:1", "a:1", "b:2", "c:3"], found);
    }

    [Fact]
    public void ValueMatcherAndUpdateStrategyNone()
    {
        const string config = """
            apiVersion: kbld.k14s.io/v1alpha1
            kind: Config
            searchRules:
            - valueMatcher:
                imageRepo: gcr.io/proj/app
            - keyMatcher:
                name: image
              valueMatcher:
                image: skip-me
              updateStrategy:
                none: {}
            """;
        var found = Find("""
            args: ["--x", "gcr.io/proj/app:v1"]
            image: skip-me
            env: {value: "gcr.io/proj/app@sha256:0000000000000000000000000000000000000000000000000000000000000000"}
            """, config);
        Assert.Equal(["gcr.io/proj/app:v1", "gcr.io/proj/app@sha256:0000000000000000000000000000000000000000000000000000000000000000"], found);
    }

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
                json: {}
            """;
        var found = Find("""
            data:
              config.yml: |
                img: redis:6
              config.json: '{"image": "postgres:14"}'
            """, config);
        Assert.Equal(["redis:6", "postgres:14"], found);
    }

    [Theory]
    [InlineData("sources: []", "'sources' is not supported")]
    [InlineData("destinations: []", "'destinations' is not supported")]
    [InlineData("minimumRequiredVersion: 99.0.0", "requires kbld 99.0.0")]
    [InlineData("searchRules:\n- updateStrategy: {none: {}}", "needs a keyMatcher")]
    [InlineData("searchRules:\n- keyMatcher: {name: x}\n  updateStrategy: {bogus: {}}", "unknown strategy 'bogus'")]
    public void ConfigRejectsWhatItCannotDo(string body, string message)
    {
        var e = Assert.Throws<ImagesException>(() => Find("a: 1", "apiVersion: kbld.k14s.io/v1alpha1\nkind: Config\n" + body));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void MinimumRequiredVersionBelowOursIsAccepted() =>
        Assert.Empty(Find("a: 1", "apiVersion: kbld.k14s.io/v1alpha1\nkind: Config\nminimumRequiredVersion: 0.30.0"));
}
