using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Tests.Resources;

public sealed class ResourceYamlErrorTests
{
    [Fact]
    public void WrongTypeNamesFileLineDocumentResourceAndField()
    {
        const string yaml = """
            apiVersion: data.packaging.carvel.dev/v1alpha1
            kind: PackageMetadata
            metadata:
              name: a.corp.com
            spec: {}
            ---
            apiVersion: data.packaging.carvel.dev/v1alpha1
            kind: Package
            metadata:
              name: a.corp.com.1.0
            spec:
              refName: a.corp.com
              version: 1.0
            """;

        var ex = Assert.Throws<ResourceException>(() => ResourceYaml.Read(yaml, "packages/a/1.0.yml"));

        Assert.Equal("packages/a/1.0.yml:13: document 2 (Package a.corp.com.1.0): spec.version: expected a string, got the number 1 (quote it: '1')", ex.Message);
        Assert.Equal(13, ex.Line);
        Assert.Equal(2, ex.Document);
        Assert.Equal("spec.version", ex.Field);
    }

    [Fact]
    public void NestedListFieldsAreNamedWithIndexes()
    {
        const string yaml = """
            apiVersion: data.packaging.carvel.dev/v1alpha1
            kind: Package
            metadata:
              name: a.corp.com.1.0.0
            spec:
              template:
                spec:
                  fetch:
                  - imgpkgBundle:
                      image: [not, a, string]
            """;

        var ex = Assert.Throws<ResourceException>(() => ResourceYaml.Read(yaml, "p.yml"));

        Assert.Equal("spec.template.spec.fetch[0].imgpkgBundle.image", ex.Field);
        Assert.Contains("p.yml:10: document 1 (Package a.corp.com.1.0.0): spec.template.spec.fetch[0].imgpkgBundle.image: expected a string, got a list", ex.Message);
    }

    [Fact]
    public void UnknownFieldsAreWarningsWithASuggestion()
    {
        const string yaml = """
            apiVersion: data.packaging.carvel.dev/v1alpha1
            kind: PackageMetadata
            metadata:
              name: a.corp.com
            spec:
              displayname: A
            """;

        var read = ResourceYaml.Read(yaml, "m.yml");

        var warning = Assert.Single(read.Warnings);
        Assert.Equal("m.yml:6: document 1 (PackageMetadata a.corp.com): spec.displayname: unknown field (ignored); did you mean 'displayName'?", warning);
        Assert.Null(((PackageMetadata)read.Documents[0].Resource).Spec.DisplayName);
    }

    [Fact]
    public void MissingRequiredFieldIsAnError()
    {
        const string yaml = """
            apiVersion: packaging.carvel.dev/v1alpha1
            kind: PackageRepository
            metadata:
              name: corp
            spec:
              syncPeriod: 5m
            """;

        var ex = Assert.Throws<ResourceException>(() => ResourceYaml.Read(yaml, "repo.yml"));

        Assert.Contains("document 1 (PackageRepository corp): spec: missing required field 'fetch'", ex.Message);
    }

    [Fact]
    public void KindUnderTheWrongApiGroupIsExplained()
    {
        const string yaml = """
            apiVersion: packaging.carvel.dev/v1alpha1
            kind: Package
            metadata:
              name: a.corp.com.1.0.0
            spec: {}
            """;

        var ex = Assert.Throws<ResourceException>(() => ResourceYaml.Read(yaml, "p.yml"));

        Assert.Equal("p.yml:1: document 1 (Package a.corp.com.1.0.0): apiVersion: Package belongs to apiVersion 'data.packaging.carvel.dev/v1alpha1', got 'packaging.carvel.dev/v1alpha1'", ex.Message);
    }

    [Fact]
    public void MalformedYamlIsLocated()
    {
        var ex = Assert.Throws<ResourceException>(() => ResourceYaml.Read("a: [b\n", "bad.yml"));

        Assert.StartsWith("bad.yml", ex.Message);
        Assert.Contains("not valid YAML", ex.Message);
    }

    [Fact]
    public void BadTimestampAndBadBase64AreErrors()
    {
        var ts = Assert.Throws<ResourceException>(() => ResourceYaml.Read(
            "apiVersion: data.packaging.carvel.dev/v1alpha1\nkind: Package\nmetadata: {name: a}\nspec:\n  releasedAt: last tuesday\n", "p.yml"));
        Assert.Contains("spec.releasedAt: expected an RFC 3339 timestamp", ts.Message);

        var data = Assert.Throws<ResourceException>(() => ResourceYaml.Read(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  values.yml: '%%%'\n", "s.yml"));
        Assert.Contains("data.values.yml: expected base64 data", data.Message);
    }

    [Fact]
    public void OtherKindsAreKeptAsWritten()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              namespace: ns
            data:
              a: b
            """;

        var read = ResourceYaml.Read(yaml, "c.yml");

        var other = Assert.IsType<OtherResource>(read.Documents[0].Resource);
        Assert.Equal(("ConfigMap", "c", "ns"), (other.Kind, other.Metadata.Name, other.Metadata.Namespace));
        Assert.Equal(yaml + "\n", ResourceYaml.Emit(other));
    }

    [Fact]
    public void FieldLinesAreKeptForLaterChecks()
    {
        const string yaml = "apiVersion: data.packaging.carvel.dev/v1alpha1\nkind: Package\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n      fetch:\n      - imgpkgBundle:\n          image: x\n";

        var document = ResourceYaml.Read(yaml, "p.yml").Documents[0];

        Assert.Equal(4, document.LineOf("metadata.name"));
        Assert.Equal(10, document.LineOf("spec.template.spec.fetch[0].imgpkgBundle.image"));
        Assert.Equal(5, document.LineOf("spec.version"));
        Assert.Equal(1, document.LineOf(""));
    }

    [Fact]
    public void ReleasedAtIsWrittenInUtcAndQuoted()
    {
        var package = new Package
        {
            Metadata = new ObjectMeta { Name = "a.corp.com.1.0.0" },
            Spec = new PackageSpec { RefName = "a.corp.com", Version = "1.0.0", ReleasedAt = new DateTimeOffset(2026, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)) },
        };

        string yaml = ResourceYaml.Emit(package);

        Assert.Contains("  releasedAt: \"2026-01-02T03:04:05Z\"\n", yaml);
        Assert.Equal(package.Spec.ReleasedAt, ResourceYaml.ReadSingle<Package>(yaml, "p.yml").Spec.ReleasedAt);
    }
}
