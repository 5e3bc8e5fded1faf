using Hull.Packaging.Installing;
using Hull.Packaging.Rendering;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Packaging.Tests.Schemas;

namespace Hull.Packaging.Tests.Installing;

public sealed class KappControllerManifestsTests
{
    [Fact]
    public void TheGuidesInstallIsWhatTanzuPackageInstallCreates()
    {
        // tanzu package install my-package --package-name my-package.my-opinionated.com --version 0.0.1 --values-file my-package-config.yaml
        var resources = KappControllerManifests.For("my-package", "default", "my-package.my-opinionated.com", "0.0.1", [("my-package-config.yaml", "domain: example.com\n")]);

        Assert.Equal(["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Secret", "PackageInstall"], resources.Select(r => r.Kind));
        var install = Assert.IsType<PackageInstall>(resources[^1]);
        Assert.Equal("my-package", install.Metadata.Name);
        Assert.Equal("default", install.Metadata.Namespace);
        Assert.Equal("my-package.my-opinionated.com", install.Spec.PackageRef!.RefName);
        Assert.Equal("0.0.1", install.Spec.PackageRef.VersionSelection!.Constraints);
        Assert.Equal("my-package-default-sa", install.Spec.ServiceAccountName);
        Assert.Equal("my-package-default-values", Assert.Single(install.Spec.Values!).SecretRef!.Name);
        var secret = Assert.IsType<Secret>(resources[3]);
        Assert.Equal(("my-package-default-values", "default", null), (secret.Metadata.Name, secret.Metadata.Namespace, secret.Type));
        Assert.Equal("domain: example.com\n", secret.Contents()["values.yaml"]);
        Assert.Equal("my-package-default", secret.Metadata.Annotations!["packaging.carvel.dev/package"]);
        Assert.Equal("my-package-default", secret.Metadata.Annotations!["tkg.tanzu.vmware.com/tanzu-package"]);
        Assert.Equal("my-package-default-sa", install.Metadata.Annotations!["tkg.tanzu.vmware.com/tanzu-package-ServiceAccount"]);
        Assert.NotNull(install.Spec.PackageRef.VersionSelection.Prereleases);
        Assert.Equal(["my-package-default-sa", "my-package-default-cluster-role", "my-package-default-cluster-rolebinding"], resources.Take(3).Select(r => r.Metadata.Name));
        string yaml = ResourceYaml.Emit(resources);
        Assert.Contains("- kind: ServiceAccount\n  name: my-package-default-sa\n  namespace: default", yaml, StringComparison.Ordinal);
        CrdSchemas.AssertValid(install);
        CrdSchemas.AssertValid(secret);
        // What is printed reads back as the same resources.
        Assert.Equal(5, ResourceYaml.Read(yaml, "dry-run.yml").Documents.Count);

        // The dir: target records what tanzu creates beside the PackageInstall.
        var installation = KappControllerManifests.ToInstallation(resources, DateTimeOffset.UnixEpoch, createdNamespace: "apps");
        Assert.Equal(["v1 Namespace /apps", "v1 ServiceAccount default/my-package-default-sa", "rbac.authorization.k8s.io/v1 ClusterRole /my-package-default-cluster-role", "rbac.authorization.k8s.io/v1 ClusterRoleBinding /my-package-default-cluster-rolebinding"],
            installation.CreatedResources.Select(k => k.ToString()));
        var read = InstallationYaml.Read(InstallationYaml.Emit(installation), "record.yml");
        Assert.Equal(installation.CreatedResources, read.CreatedResources);
    }

    [Fact]
    public void AnExistingServiceAccountIsUsedAsIs()
    {
        var resources = KappControllerManifests.For("app", "apps", "app.corp.com", "1.0.0", [], serviceAccount: "deployer");
        var install = Assert.IsType<PackageInstall>(Assert.Single(resources));
        Assert.Equal("deployer", install.Spec.ServiceAccountName);
        Assert.Null(install.Metadata.Annotations);
    }

    [Fact]
    public void ValuesAreCheckedAgainstTheValuesSchema()
    {
        var schema = Hull.Yaml.YamlParser.Parse("""
            type: object
            additionalProperties: false
            properties:
              replicas:
                type: integer
                default: 1
              tags:
                type: array
                items:
                  type: string
            """, "schema").Items[0].Value;

        Assert.Empty(ValuesSchemaValidator.Validate(schema, [new PackageValues("a", "replicas: 2\n"), new PackageValues("b", "tags: [x]\n")]));
        Assert.Equal(
            ["replicas: expected integer, got string (\"two\")", "tags[0]: expected string, got integer (3)", "extra: not in the package's values schema (known: replicas, tags)"],
            ValuesSchemaValidator.Validate(schema, [new PackageValues("a", "replicas: two\ntags: [3]\nextra: 1\n")]));
    }
}
