using System.Text.Json.Nodes;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.App;
using Hull.Packaging.Resources.Serialization;
using Hull.Yaml;

namespace Hull.Packaging.Tests.Schemas;

public sealed class SchemaValidationTests
{
    public static TheoryData<string> Kinds => new()
    {
        ResourceKinds.Package,
        ResourceKinds.PackageMetadata,
        ResourceKinds.PackageInstall,
        ResourceKinds.PackageRepository,
        ResourceKinds.Secret,
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryFieldOfTheSchemaRoundTripsAndValidates(string kind)
    {
        var sample = SchemaSamples.Full(CrdSchemas.SchemaOf(kind));
        Assert.Empty(CrdSchemas.Validate(kind, JsonEmitter.Emit(sample)));
        string yaml = YamlEmitter.Emit(sample);

        var read = ResourceYaml.Read(yaml, $"{kind}.yml");

        Assert.Empty(read.Warnings);
        var resource = Assert.Single(read.Documents).Resource;
        Assert.Equal(kind, resource.Kind);
        Assert.Equal(yaml, ResourceYaml.Emit(resource));
        CrdSchemas.AssertValid(resource);
    }

    [Fact]
    public void WhatReleaseWritesValidates()
    {
        var package = new Package
        {
            Metadata = new ObjectMeta
            {
                Name = "app.corp.com.1.2.0",
                Namespace = "default",
                Annotations = new Dictionary<string, string> { ["kbld.k14s.io/images"] = "- origins: []\n  url: r/b@sha256:00\n" },
            },
            Spec = new PackageSpec
            {
                RefName = "app.corp.com",
                Version = "1.2.0",
                ReleasedAt = new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.FromHours(1)),
                ReleaseNotes = "Fixes.",
                Licenses = ["Apache 2.0"],
                ValuesSchema = new ValuesSchema
                {
                    OpenAPIv3 = YamlParser.Parse("type: object\nadditionalProperties: false\nproperties:\n  domain:\n    type: string\n    default: \"\"\n", "schema").Items[0].Value,
                },
                Template = new PackageTemplate
                {
                    Spec = new AppSpec
                    {
                        Fetch = [new AppFetch { ImgpkgBundle = new AppFetchImgpkgBundle { Image = "registry.corp/app@sha256:" + new string('a', 64) } }],
                        Template =
                        [
                            new AppTemplate { Ytt = new AppTemplateYtt { Paths = ["config/"] } },
                            new AppTemplate { Kbld = new AppTemplateKbld { Paths = ["-", ".imgpkg/images.yml"] } },
                        ],
                        Deploy = [new AppDeploy { Kapp = new AppDeployKapp() }],
                    },
                },
            },
        };
        CrdSchemas.AssertValid(package);
        CrdSchemas.AssertValid(new PackageMetadata
        {
            Metadata = new ObjectMeta { Name = "app.corp.com" },
            Spec = new PackageMetadataSpec { DisplayName = "App", Maintainers = [new Maintainer { Name = "Ops" }] },
        });
        CrdSchemas.AssertValid(new PackageRepository
        {
            Metadata = new ObjectMeta { Name = "corp", Namespace = "kapp-controller-packaging-global" },
            Spec = new PackageRepositorySpec { Fetch = new PackageRepositoryFetch { ImgpkgBundle = new AppFetchImgpkgBundle { Image = "registry.corp/repo:1.0.0" } } },
        });
        CrdSchemas.AssertValid(new PackageInstall
        {
            Metadata = new ObjectMeta { Name = "app", Namespace = "default" },
            Spec = new PackageInstallSpec
            {
                ServiceAccountName = "app-default-sa",
                PackageRef = new PackageRef { RefName = "app.corp.com", VersionSelection = new SemverSelection { Constraints = "1.2.0", Prereleases = new SemverPrereleases() } },
                Values = [new PackageInstallValues { SecretRef = new ValuesSecretRef { Name = "app-default-values" } }],
            },
        });
        CrdSchemas.AssertValid(Secret.ForValues("app-default-values", "default", new Dictionary<string, string> { [Secret.ValuesKey] = "domain: example.com\n" }));
    }

    [Theory]
    [InlineData(ResourceKinds.Package, """{"apiVersion":"data.packaging.carvel.dev/v1alpha1","kind":"Package","metadata":{"name":"a.b.c.1.0.0"},"spec":{"refName":"a.b.c","version":1}}""", "/spec/version")]
    [InlineData(ResourceKinds.Package, """{"apiVersion":"data.packaging.carvel.dev/v1alpha1","kind":"Package","metadata":{"name":"a.b.c.1.0.0"}}""", "spec")]
    [InlineData(ResourceKinds.Package, """{"apiVersion":"data.packaging.carvel.dev/v1alpha1","kind":"Package","metadata":{},"spec":{"refname":"a.b.c"}}""", "refname")]
    [InlineData(ResourceKinds.Package, """{"apiVersion":"packaging.carvel.dev/v1alpha1","kind":"Package","metadata":{},"spec":{}}""", "/apiVersion")]
    [InlineData(ResourceKinds.Package, """{"apiVersion":"data.packaging.carvel.dev/v1alpha1","kind":"Package","metadata":{},"spec":{"releasedAt":"yesterday"}}""", "/spec/releasedAt")]
    [InlineData(ResourceKinds.Package, """{"apiVersion":"data.packaging.carvel.dev/v1alpha1","kind":"Package","metadata":{},"spec":{"template":{}}}""", "spec")]
    [InlineData(ResourceKinds.Package, """{"apiVersion":"data.packaging.carvel.dev/v1alpha1","kind":"Package","metadata":{},"spec":{"template":{"spec":{"deploy":[{"kapp":{"intoNs":3}}]}}}}""", "/spec/template/spec/deploy/0/kapp/intoNs")]
    [InlineData(ResourceKinds.PackageMetadata, """{"apiVersion":"data.packaging.carvel.dev/v1alpha1","kind":"PackageMetadata","metadata":{},"spec":{"maintainers":["ops"]}}""", "/spec/maintainers/0")]
    [InlineData(ResourceKinds.PackageRepository, """{"apiVersion":"packaging.carvel.dev/v1alpha1","kind":"PackageRepository","metadata":{},"spec":{}}""", "fetch")]
    [InlineData(ResourceKinds.PackageInstall, """{"apiVersion":"packaging.carvel.dev/v1alpha1","kind":"PackageInstall","metadata":{"labels":{"a":1}},"spec":{}}""", "/metadata/labels/a")]
    [InlineData(ResourceKinds.PackageInstall, """{"apiVersion":"packaging.carvel.dev/v1alpha1","kind":"PackageInstall","metadata":{},"spec":{},"status":{"conditions":[{"type":"ReconcileSucceeded"}]}}""", "status")]
    [InlineData(ResourceKinds.Secret, """{"apiVersion":"v1","kind":"Secret","metadata":{},"data":{"values.yml":"not base64!"}}""", "/data/values.yml")]
    public void InvalidDocumentsAreRejected(string kind, string json, string mentioned)
    {
        var errors = CrdSchemas.Validate(kind, json);
        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Contains(mentioned, StringComparison.Ordinal));
    }

    [Fact]
    public void NullableAndPreservedFieldsConvert()
    {
        var converted = CrdSchemas.ConvertOpenApi(JsonNode.Parse("""
            {"type":"object","properties":{
              "a":{"type":"object","nullable":true,"x-kubernetes-preserve-unknown-fields":true},
              "b":{"x-kubernetes-int-or-string":true},
              "c":{"type":"integer","format":"int64"}}}
            """)!.AsObject());
        Assert.Equal("""{"type":"object","properties":{"a":{"type":["object","null"]},"b":{"anyOf":[{"type":"integer"},{"type":"string"}]},"c":{"type":"integer"}},"additionalProperties":false}""", converted.ToJsonString());
    }
}
