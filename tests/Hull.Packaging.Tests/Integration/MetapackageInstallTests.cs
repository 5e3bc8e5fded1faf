using Hull.Packaging.Installing;

namespace Hull.Packaging.Tests.Integration;

/// <summary>
/// The guide's opinionated installation on the test registry: my-opinionated-config and my-package built from the
/// guide's files, cert-manager, contour and external-dns as stand-ins with the same names and versions (their CRDs
/// and a templated resource each), all released into one repository and installed into a dir: target.
/// </summary>
public sealed class MetapackageInstallTests : IDisposable
{
    private readonly PackageWorkbench _bench = new();

    public void Dispose() => _bench.Dispose();

    private static string Crd(string group, string kind, string plural) => $"""
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {plural}.{group}
        spec:
          group: {group}
          names:
            kind: {kind}
            plural: {plural}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;

    private const string AnyValues = """
        #@data/values-schema
        ---
        #@schema/type any=True
        deployment: {}
        #@schema/type any=True
        envoy: {}
        """;

    private static string Echo(string name, string ns) => $$"""
        #@ load("@ytt:data", "data")
        #@ load("@ytt:json", "json")
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {{ns}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{name}}
          namespace: {{ns}}
        data:
          values: #@ json.encode(data.values)
        """;

    private async Task ReleaseGuideAsync()
    {
        await _bench.ReleaseAsync(_bench.Folder("cert-manager.community.tanzu.vmware.com", new Dictionary<string, string>
        {
            ["crds.yml"] = Crd("cert-manager.io", "Issuer", "issuers") + "\n" + Crd("cert-manager.io", "Certificate", "certificates"),
        }), "1.5.1");
        await _bench.ReleaseAsync(_bench.Folder("contour.community.tanzu.vmware.com", new Dictionary<string, string>
        {
            ["crds.yml"] = Crd("projectcontour.io", "TLSCertificateDelegation", "tlscertificatedelegations"),
            ["values.yml"] = AnyValues,
            ["envoy.yml"] = Echo("envoy", "projectcontour"),
        }), "1.17.1");
        await _bench.ReleaseAsync(_bench.Folder("external-dns.community.tanzu.vmware.com", new Dictionary<string, string>
        {
            ["values.yml"] = AnyValues,
            ["deployment.yml"] = Echo("external-dns", "external-dns"),
        }), "0.8.0");
        await _bench.ReleaseAsync(_bench.FolderFrom("config.my-opinionated.com", Path.Combine(PackageWorkbench.GuideDir, "my-opinionated-config", "config")), "0.0.1");
        await _bench.ReleaseAsync(_bench.FolderFrom("my-package.my-opinionated.com", Path.Combine(PackageWorkbench.GuideDir, "my-opinionated-package", "config")), "0.0.1");
        await _bench.PublishAsync();
    }

    [Fact]
    public async Task TheGuidesMetapackageInstallsAllFive()
    {
        await ReleaseGuideAsync();
        var (target, reconciler) = _bench.Open();
        using (target)
        {
            string values = File.ReadAllText(Path.Combine(PackageWorkbench.GuideDir, "my-package-config.yaml"));
            var root = PackageWorkbench.Install("my-package", "my-package.my-opinionated.com", "0.0.1", ("my-package-config.yaml", values));

            var results = await reconciler.ReconcileTreeAsync([root], untilDone: true, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

            Assert.Equal(
                [
                    ("cert-manager", "cert-manager.community.tanzu.vmware.com", "1.5.1"),
                    ("contour", "contour.community.tanzu.vmware.com", "1.17.1"),
                    ("external-dns", "external-dns.community.tanzu.vmware.com", "0.8.0"),
                    ("my-opinionated-config", "config.my-opinionated.com", "0.0.1"),
                    ("my-package", "my-package.my-opinionated.com", "0.0.1"),
                ],
                target.List().Select(i => (i.Name, i.Install.Spec.PackageRef!.RefName!, i.Version!)));
            Assert.All(results, r => Assert.Equal("Reconcile succeeded", r.Description));
            Assert.All(target.List().Where(i => i.Name != "my-package"), i => Assert.Equal("default/my-package", i.Parent));

            // Each child got its values Secret from the metapackage's output, rendered from the user's values.
            string issuer = File.ReadAllText(Path.Combine(target.Root, "default", "my-opinionated-config", "issuer.cert-manager.io-my-package-certs-wildcard-lets-encrypt.yml"));
            Assert.Contains("email: jorge@none.com", issuer, StringComparison.Ordinal);
            string dns = File.ReadAllText(Path.Combine(target.Root, "default", "external-dns", "configmap-external-dns-external-dns.yml"));
            Assert.Contains("--domain-filter=example.com", dns, StringComparison.Ordinal);
            string envoy = File.ReadAllText(Path.Combine(target.Root, "default", "contour", "configmap-projectcontour-envoy.yml"));
            Assert.Contains("*.example.com.", envoy, StringComparison.Ordinal);

            // Deleting the metapackage deletes what it installed.
            reconciler.Uninstall(target.Find("default", "my-package")!);
            Assert.Empty(target.List());
            Assert.DoesNotContain(Directory.EnumerateFiles(target.Root, "*.yml", SearchOption.AllDirectories), f => !f.Contains("/.hull/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task TheGuidesMetapackageTreeIsResolvedWithItsValues()
    {
        await ReleaseGuideAsync();
        var contents = _bench.Contents;
        var renderer = new Hull.Packaging.Rendering.RepositoryPackageRenderer(_bench.Stores, contents, new Hull.Packaging.Rendering.PackageRenderer(_bench.Resolver));
        var values = new Hull.Packaging.Rendering.PackageValues("my-package-config.yaml", File.ReadAllText(Path.Combine(PackageWorkbench.GuideDir, "my-package-config.yaml")));
        var given = new List<(string, int)>();

        var tree = await Hull.Packaging.Metapackages.PackageTreeResolver.ResolveAsync(
            contents[0].Find("my-package.my-opinionated.com", "0.0.1"),
            [values],
            contents,
            async (package, v, ct) =>
            {
                given.Add((package.RefName, v.Count));
                return (await renderer.RenderAsync(package, v, ct)).Resources;
            },
            CancellationToken.None);

        var lines = tree.Lines().ToList();
        Assert.Equal(5, lines.Count);
        Assert.StartsWith("my-package.my-opinionated.com: my-package.my-opinionated.com 0.0.1 (", lines[0], StringComparison.Ordinal);
        Assert.Equal(["  cert-manager: cert-manager.community.tanzu.vmware.com 1.5.1", "  contour: contour.community.tanzu.vmware.com 1.17.1", "  external-dns: external-dns.community.tanzu.vmware.com 0.8.0", "  my-opinionated-config: config.my-opinionated.com 0.0.1"],
            lines.Skip(1).Select(l => l[..l.IndexOf(" (", StringComparison.Ordinal)]));
        Assert.All(lines, l => Assert.Contains("@sha256:", l, StringComparison.Ordinal));
        // cert-manager's PackageInstall names no values; the others get their Secret from the metapackage's output.
        Assert.Equal([("my-package.my-opinionated.com", 1), ("cert-manager.community.tanzu.vmware.com", 0), ("contour.community.tanzu.vmware.com", 1), ("external-dns.community.tanzu.vmware.com", 1), ("config.my-opinionated.com", 1)], given);
    }

    [Fact]
    public async Task AnInstallWaitingForItsDependenciesReconcilesAfterThem()
    {
        await _bench.ReleaseAsync(_bench.Folder("crds.corp.com", new Dictionary<string, string> { ["crds.yml"] = Crd("cert-manager.io", "Issuer", "issuers") }), "1.0.0");
        await _bench.ReleaseAsync(_bench.Folder("user.corp.com", new Dictionary<string, string>
        {
            ["issuer.yml"] = "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata:\n  name: issuer\n  namespace: default\n",
        }), "1.0.0");
        // The install that needs the CRDs comes first in the metapackage's output, as my-opinionated-config can.
        await _bench.ReleaseAsync(_bench.Folder("meta.corp.com", new Dictionary<string, string>
        {
            ["installs.yml"] = """
                apiVersion: packaging.carvel.dev/v1alpha1
                kind: PackageInstall
                metadata:
                  name: a-user
                spec:
                  packageRef:
                    refName: user.corp.com
                    versionSelection:
                      constraints: 1.0.0
                  serviceAccountName: sa
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: sa
                ---
                apiVersion: packaging.carvel.dev/v1alpha1
                kind: PackageInstall
                metadata:
                  name: z-crds
                spec:
                  packageRef:
                    refName: crds.corp.com
                    versionSelection:
                      constraints: 1.0.0
                  serviceAccountName: sa
                """,
        }), "1.0.0");
        await _bench.PublishAsync();
        var seen = new List<(string, string)>();
        var (target, reconciler) = _bench.Open(observe: i => seen.Add((i.Name, i.Description)));
        using (target)
        {
            var results = await reconciler.ReconcileTreeAsync([PackageWorkbench.Install("meta", "meta.corp.com", "1.0.0")], untilDone: false, DateTimeOffset.UtcNow, CancellationToken.None);

            // a-user comes first in the output but waits, Reconciling, until z-crds provides its CRD: dependency order.
            Assert.Equal(["meta", "z-crds", "a-user"], results.Select(r => r.Name));
            Assert.Equal(
                [("meta", "Reconciling"), ("meta", "Reconcile succeeded"), ("a-user", "Reconciling"), ("z-crds", "Reconciling"), ("z-crds", "Reconcile succeeded"), ("a-user", "Reconcile succeeded")],
                seen);
            Assert.All(target.List(), i => Assert.True(i.Succeeded));

            // Deleting the metapackage deletes the CRD's user before its provider.
            var deleted = new List<string>();
            Uninstaller.Uninstall(target, target.Find("default", "meta")!, i => deleted.Add(i.Name));
            Assert.Equal(["a-user", "z-crds", "meta"], deleted);
        }
    }
}
