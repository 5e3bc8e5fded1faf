using Hull.Packaging.Installing;

namespace Hull.Packaging.Tests.Integration;

/// <summary>
/// The dir: target refuses what the API server refuses, before writing anything: an invalid CRD, a custom resource
/// that does not fit the CRD another installation deployed, an invalid built-in; the message is the server's, with
/// the package and the resource named.
/// </summary>
public sealed class AdmissionInstallTests : IDisposable
{
    private const string IssuerCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: issuers.cert-manager.io
        spec:
          group: cert-manager.io
          names:
            kind: Issuer
            plural: issuers
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: STORAGE
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size:
                        type: integer
        """;

    private readonly PackageWorkbench _bench = new();

    public void Dispose() => _bench.Dispose();

    [Fact]
    public async Task ACrdWithoutAStorageVersionFailsTheInstallAndWritesNothing()
    {
        await _bench.ReleaseAsync(_bench.Folder("crds.corp.com", new Dictionary<string, string> { ["crds.yml"] = IssuerCrd.Replace("STORAGE", "false", StringComparison.Ordinal) }), "1.0.0");
        await _bench.PublishAsync();
        var (target, reconciler) = _bench.Open();
        using (target)
        {
            var result = await reconciler.ReconcileAsync(PackageWorkbench.Install("crds", "crds.corp.com", "1.0.0"), CancellationToken.None);

            Assert.False(result.Succeeded);
            Assert.StartsWith("package crds.corp.com 1.0.0 renders a resource the API server rejects (nothing was written): kapp: Error: Creating resource customresourcedefinition/issuers.cert-manager.io (apiextensions.k8s.io/v1) cluster: API server says: CustomResourceDefinition.apiextensions.k8s.io \"issuers.cert-manager.io\" is invalid: [spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{", result.UsefulErrorMessage);
            Assert.Contains("}}: must have exactly one version marked as storage version, status.storedVersions: Invalid value: []string(nil): must have at least one stored version] (reason: Invalid)", result.UsefulErrorMessage);
            Assert.False(Directory.Exists(Path.Combine(target.Root, "default", "crds")));
            Assert.Empty(target.Find("default", "crds")!.Files);
        }
    }

    [Fact]
    public async Task ACustomResourceIsCheckedAgainstTheCrdAnotherInstallationDeployed()
    {
        await _bench.ReleaseAsync(_bench.Folder("crds.corp.com", new Dictionary<string, string> { ["crds.yml"] = IssuerCrd.Replace("STORAGE", "true", StringComparison.Ordinal) }), "1.0.0");
        await _bench.ReleaseAsync(_bench.Folder("user.corp.com", new Dictionary<string, string>
        {
            ["issuer.yml"] = "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata:\n  name: issuer\nspec:\n  size: \"3\"\n",
        }), "1.0.0");
        await _bench.ReleaseAsync(_bench.Folder("user.corp.com", new Dictionary<string, string>
        {
            ["issuer.yml"] = "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata:\n  name: issuer\nspec:\n  size: 3\n  unknown: pruned\n",
        }), "1.0.1");
        await _bench.PublishAsync();
        var (target, reconciler) = _bench.Open();
        using (target)
        {
            Assert.True((await reconciler.ReconcileAsync(PackageWorkbench.Install("crds", "crds.corp.com", "1.0.0"), CancellationToken.None)).Succeeded);

            var user = await reconciler.ReconcileAsync(PackageWorkbench.Install("user", "user.corp.com", "1.0.0"), CancellationToken.None);

            Assert.False(user.Succeeded);
            Assert.Equal(
                "package user.corp.com 1.0.0 renders a resource the API server rejects (nothing was written): kapp: Error: Creating resource issuer/issuer (cert-manager.io/v1) namespace: default: API server says: Issuer.cert-manager.io \"issuer\" is invalid: spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\" (reason: Invalid)",
                user.UsefulErrorMessage);
            Assert.False(Directory.Exists(Path.Combine(target.Root, "default", "user")));

            // Fields the schema does not know are pruned by the server, not refused.
            Assert.True((await reconciler.ReconcileAsync(PackageWorkbench.Install("user", "user.corp.com", "1.0.1"), CancellationToken.None)).Succeeded);
        }
    }

    [Fact]
    public async Task AnUpgradeTheServerRejectsLeavesTheDeployedFilesAlone()
    {
        const string Map = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  replicas: ";
        await _bench.ReleaseAsync(_bench.Folder("app.corp.com", new Dictionary<string, string> { ["cm.yml"] = Map + "\"3\"\n" }), "1.0.0");
        await _bench.ReleaseAsync(_bench.Folder("app.corp.com", new Dictionary<string, string> { ["cm.yml"] = Map + "3\n" }), "1.0.1");
        await _bench.PublishAsync();
        var (target, reconciler) = _bench.Open();
        using (target)
        {
            var installed = await reconciler.ReconcileAsync(PackageWorkbench.Install("app", "app.corp.com", "1.0.0"), CancellationToken.None);
            string file = Path.Combine(target.Root, Assert.Single(installed.Files));
            string before = File.ReadAllText(file);

            var upgrade = await reconciler.ReconcileAsync(PackageWorkbench.Install("app", "app.corp.com", "1.0.1"), CancellationToken.None);

            Assert.False(upgrade.Succeeded);
            Assert.Contains("API server says: ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string (reason: BadRequest)", upgrade.UsefulErrorMessage);
            Assert.Equal(before, File.ReadAllText(file));
            Assert.Equal("1.0.0", target.Find("default", "app")!.Version);
        }
    }

    [Fact]
    public async Task ClusterScopedKindsLoseTheNamespaceTheServerIgnores()
    {
        string crd = IssuerCrd.Replace("STORAGE", "true", StringComparison.Ordinal).Replace("Namespaced", "Cluster", StringComparison.Ordinal);
        await _bench.ReleaseAsync(_bench.Folder("app.corp.com", new Dictionary<string, string>
        {
            ["all.yml"] = crd + """

                ---
                apiVersion: cert-manager.io/v1
                kind: Issuer
                metadata:
                  name: global
                  namespace: default
                spec:
                  size: 1
                ---
                apiVersion: storage.k8s.io/v1
                kind: VolumeAttachment
                metadata:
                  name: va
                spec:
                  attacher: csi.corp.com
                  nodeName: node
                  source:
                    persistentVolumeName: pv
                """,
        }), "1.0.0");
        await _bench.PublishAsync();
        var (target, reconciler) = _bench.Open();
        using (target)
        {
            var result = await reconciler.ReconcileAsync(PackageWorkbench.Install("app", "app.corp.com", "1.0.0"), CancellationToken.None);

            Assert.True(result.Succeeded, result.UsefulErrorMessage);
            Assert.Contains(result.Resources, k => k.Kind == "Issuer" && k.Namespace.Length == 0);
            Assert.Contains(result.Resources, k => k.Kind == "VolumeAttachment" && k.Namespace.Length == 0);
            Assert.Contains("default/app/issuer.cert-manager.io-global.yml", result.Files);
        }
    }
}
