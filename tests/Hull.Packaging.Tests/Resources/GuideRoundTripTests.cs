using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Packaging.Tests.Schemas;

namespace Hull.Packaging.Tests.Resources;

/// <summary>The resources of the opinionated-installation guide, read and written back.</summary>
public sealed class GuideRoundTripTests
{
    private const string PackageMetadataYaml = """
        apiVersion: data.packaging.carvel.dev/v1alpha1
        kind: PackageMetadata
        metadata:
          name: config.my-opinionated.com
          namespace: default
        spec:
          displayName: My opinionated config

        """;

    // The guide's second package.yaml as written (keys in kubectl's alphabetical order).
    private const string PackageYaml = """
        apiVersion: data.packaging.carvel.dev/v1alpha1
        kind: Package
        metadata:
          name: my-package.my-opinionated.com.0.0.1
          namespace: default
        spec:
          refName: my-package.my-opinionated.com
          template:
            spec:
              deploy:
              - kapp: {}
              fetch:
              - imgpkgBundle:
                  image: ttl.sh/my-package-bundle:1d
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

    // The guide's package.yaml after `kbld --file package.yaml`: the bundle locked by digest, kbld's annotation.
    private const string LockedPackageYaml = """
        apiVersion: data.packaging.carvel.dev/v1alpha1
        kind: Package
        metadata:
          annotations:
            kbld.k14s.io/images: |
              - origins:
                - resolved:
                    tag: 1d
                    url: ttl.sh/my-package-config:1d
                url: ttl.sh/my-package-config@sha256:d066eb08e9783196e2348cd8da8e3d735d7e31e2cc076d94ce790ee73ca30cff
          name: config.my-opinionated.com.0.0.1
          namespace: default
        spec:
          refName: config.my-opinionated.com
          template:
            spec:
              deploy:
              - kapp: {}
              fetch:
              - imgpkgBundle:
                  image: ttl.sh/my-package-config@sha256:d066eb08e9783196e2348cd8da8e3d735d7e31e2cc076d94ce790ee73ca30cff
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

    private const string PackageInstallYaml = """
        apiVersion: packaging.carvel.dev/v1alpha1
        kind: PackageInstall
        metadata:
          name: contour
        spec:
          packageRef:
            refName: contour.community.tanzu.vmware.com
            versionSelection:
              constraints: 1.17.1
              prereleases: {}
          serviceAccountName: my-package-default-sa
          values:
          - secretRef:
              name: contour-my-package-values

        """;

    private const string ValuesSecretYaml = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: contour-my-package-values
        stringData:
          values.yml: ""
        type: Opaque

        """;

    [Theory]
    [InlineData(PackageMetadataYaml)]
    [InlineData(PackageYaml)]
    [InlineData(LockedPackageYaml)]
    [InlineData(PackageInstallYaml)]
    [InlineData(ValuesSecretYaml)]
    public void GuideResourcesRoundTripByteForByte(string yaml)
    {
        var read = ResourceYaml.Read(yaml, "guide.yaml");

        Assert.Empty(read.Warnings);
        var resource = Assert.Single(read.Documents).Resource;
        Assert.Equal(yaml, ResourceYaml.Emit(resource));
        CrdSchemas.AssertValid(resource);
    }

    [Fact]
    public void GuidePackageIsReadIntoTheModel()
    {
        var package = ResourceYaml.ReadSingle<Package>(LockedPackageYaml, "package.yaml");

        Assert.Equal("config.my-opinionated.com.0.0.1", package.Metadata.Name);
        Assert.Equal("config.my-opinionated.com", package.Spec.RefName);
        Assert.Equal("0.0.1", package.Spec.Version);
        var app = package.Spec.Template!.Spec!;
        Assert.StartsWith("ttl.sh/my-package-config@sha256:d066", app.Fetch![0].ImgpkgBundle!.Image);
        Assert.Equal(["config/"], app.Template![0].Ytt!.Paths!);
        Assert.Equal(["-", ".imgpkg/images.yml"], app.Template[1].Kbld!.Paths!);
        Assert.NotNull(app.Deploy![0].Kapp);
        Assert.Contains("resolved:", package.Metadata.Annotations!["kbld.k14s.io/images"]);
    }

    [Fact]
    public void HandWrittenOrderIsNormalisedToKubectlOrder()
    {
        // The guide's first package.yaml puts version before template; Hull writes kubectl's order.
        string handWritten = PackageYaml.Replace("  version: 0.0.1\n", "").Replace("  refName: my-package.my-opinionated.com\n", "  refName: my-package.my-opinionated.com\n  version: 0.0.1\n");
        Assert.NotEqual(PackageYaml, handWritten);

        var package = ResourceYaml.ReadSingle<Package>(handWritten, "package.yaml");

        Assert.Equal(PackageYaml, ResourceYaml.Emit(package));
    }

    [Fact]
    public void PackageInstallSelectionDrivesVersionSelection()
    {
        var install = ResourceYaml.ReadSingle<PackageInstall>(PackageInstallYaml, "contour.yaml");
        var selection = install.Spec.PackageRef!.VersionSelection!.ToVersionSelection();

        Assert.NotNull(selection.Prereleases);
        Assert.Empty(selection.Prereleases!.Identifiers);
        Assert.Equal("1.17.1", selection.Select(["1.17.0", "1.17.1", "1.18.0"]).ToString());
    }

    [Fact]
    public void SeveralDocumentsAreSeparatedLikeKubectl()
    {
        var metadata = ResourceYaml.ReadSingle<PackageMetadata>(PackageMetadataYaml, "m.yaml");
        var package = ResourceYaml.ReadSingle<Package>(PackageYaml, "p.yaml");

        string both = ResourceYaml.Emit([metadata, package]);

        Assert.Equal(PackageMetadataYaml + "---\n" + PackageYaml, both);
        Assert.Equal(2, ResourceYaml.Read(both, "both.yaml").Documents.Count);
    }

    [Fact]
    public void SecretsNeverPrintTheirContents()
    {
        var secret = Secret.ForValues("v", "default", new Dictionary<string, string> { [Secret.ValuesKey] = "password: hunter2\n" });

        Assert.DoesNotContain("hunter2", secret.ToString());
        Assert.Equal("password: hunter2\n", secret.Contents()[Secret.ValuesKey]);
    }
}
