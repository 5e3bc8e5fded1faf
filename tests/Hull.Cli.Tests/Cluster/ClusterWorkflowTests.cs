using System.Text.RegularExpressions;

namespace Hull.Cli.Tests.Cluster;

/// <summary>
/// Hull's channels and packages reconciled by the real kapp-controller (issue 18): both seed workflows, released by
/// the examples into the test registry, end in a real cluster through <c>hull repo add</c> and <c>hull package install
/// --target kapp-controller</c>; each failure the cluster once found in Hull's output has its test here. Run against the
/// cluster whose kapp-controller uses the reference Carvel tools and the one that uses Hull as ytt, kbld and imgpkg.
/// </summary>
public abstract class ClusterWorkflowTests
{
    private readonly TestCluster _cluster;

    private protected ClusterWorkflowTests(string kubeconfigVariable) => _cluster = new TestCluster(kubeconfigVariable);

    private static ReleasedWorkflows Released => ReleasedWorkflows.Instance;

    // Failure 1: a Hull repository failed in kapp-controller (its ImagesLock had no kbld.carvel.dev/id annotations).
    [Fact]
    public void AHullRepositoryReconcilesAndServesItsPackages()
    {
        string ns = _cluster.NewNamespace("repo");
        var added = _cluster.HullOk("repo", "add", "guide", Released.GuideRepository, "--target", "kapp-controller", "-n", ns, "--wait", "--wait-timeout", "2m");
        Assert.Contains($"{ns}/guide: Reconcile succeeded", added);

        var packages = _cluster.Get("packages", "-n", ns).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("metadata").GetProperty("name").GetString()!).Order().ToArray();
        Assert.Equal(
            ["cert-manager.community.tanzu.vmware.com.1.5.1", "config.my-opinionated.com.0.0.1", "contour.community.tanzu.vmware.com.1.17.1", "external-dns.community.tanzu.vmware.com.0.8.0", "my-package.my-opinionated.com.0.0.1"],
            packages);
        var listed = _cluster.HullOk("repo", "list", "--target", "kapp-controller", "-n", ns);
        Assert.Matches($@"(?m)^guide +\(imgpkg\) {Regex.Escape(Released.GuideRepository)} +Reconcile succeeded$", listed);

        Assert.Contains($"Removed PackageRepository {ns}/guide", _cluster.HullOk("repo", "remove", "guide", "--target", "kapp-controller", "-n", ns, "--wait"));
        Assert.False(_cluster.Exists("packagerepository", "guide", "-n", ns));
    }

    // Failure 2: the API server refused the example's stand-in CRDs (no storage version, no structural schema).
    [Fact]
    public void TheExampleCrdsAreAcceptedByTheApiServer()
    {
        string packages = Path.Combine(TestPaths.RepoRoot(), "examples", "opinionated-install", "packages");
        foreach (string crds in new[] { "cert-manager", "contour" }.Select(p => Path.Combine(packages, p, "config", "crds.yml")))
        {
            Assert.Matches(@"(?m)^customresourcedefinition\.apiextensions\.k8s\.io/\S+ (created|configured|unchanged) \(server dry run\)$", _cluster.Kubectl("apply", "--dry-run=server", "-f", crds));
        }
    }

    // Workflow 2, the guide, installed into a namespace other than default (failure 3: its children named
    // my-package-default-sa): every PackageInstall succeeds, the values reach the resources; then update, kick and
    // delete as tanzu does them, the delete removing the values Secret, service account and RBAC the install made.
    [Fact]
    public void TheGuidesMetapackageReconcilesInAnyNamespaceAndIsManagedThroughHull()
    {
        string ns = _cluster.NewNamespace("guide");
        _cluster.HullOk("repo", "add", "guide", Released.GuideRepository, "--target", "kapp-controller", "-n", ns, "--wait", "--wait-timeout", "2m");

        var installed = _cluster.HullOk("package", "install", "my-package", "-p", "my-package.my-opinionated.com", "-v", "0.0.1", "-f", Released.GuideValues,
            "--target", "kapp-controller", "-n", ns, "--wait", "--wait-timeout", "4m");
        foreach (string name in new[] { "my-package", "cert-manager", "contour", "external-dns", "my-opinionated-config" })
        {
            Assert.Matches($@"(?m)^{name} +\S+ +\S+ +Reconcile succeeded", installed);
        }
        var list = _cluster.HullOk("package", "installed", "list", "--target", "kapp-controller", "-n", ns);
        Assert.Equal(5, Regex.Matches(list, "Reconcile succeeded").Count);
        Assert.Matches(@"(?m)^my-package +my-package\.my-opinionated\.com +0\.0\.1 +Reconcile succeeded$", list);
        Assert.Equal($"my-package-{ns}-sa", _cluster.Get("pkgi", "contour", "-n", ns).GetProperty("spec").GetProperty("serviceAccountName").GetString());

        // The user's values in the resources: the Issuer's email and region, the certificate's domain, envoy's hostname.
        var issuer = _cluster.Get("issuer", "wildcard-lets-encrypt", "-n", "my-package-certs").GetProperty("spec").GetProperty("acme");
        Assert.Equal("jorge@none.com", issuer.GetProperty("email").GetString());
        Assert.Equal("eu-west1", issuer.GetProperty("solvers")[0].GetProperty("dns01").GetProperty("route53").GetProperty("region").GetString());
        Assert.Contains("*.example.com", _cluster.Kubectl("get", "certificate", "wildcard", "-n", "my-package-certs", "-o", "jsonpath={.spec.dnsNames}"));
        Assert.Contains("*.example.com.", _cluster.Kubectl("get", "configmaps", "-A", "-l", "!kubernetes.io/metadata.name", "-o", "yaml"));

        var get = _cluster.HullOk("package", "installed", "get", "my-package", "--target", "kapp-controller", "-n", ns);
        Assert.Contains("STATUS:                  Reconcile succeeded", get);
        Assert.Contains($"VALUES-SECRETS:          my-package-{ns}-values", get);

        // Update: new values reach the children (tanzu's update of the values Secret the install created).
        string values = Path.Combine(Released.Directory, $"values-{ns}.yml");
        File.WriteAllText(values, File.ReadAllText(Released.GuideValues).Replace("example.com", "example.org", StringComparison.Ordinal));
        _cluster.HullOk("package", "installed", "update", "my-package", "-f", values, "--target", "kapp-controller", "-n", ns, "--wait-timeout", "4m");
        string written = Path.Combine(Released.Directory, $"written-{ns}.yml");
        _cluster.HullOk("package", "installed", "get", "my-package", "--values-file-output", written, "--target", "kapp-controller", "-n", ns);
        Assert.Contains("domain: example.org", File.ReadAllText(written));
        Assert.True(WaitFor(() => _cluster.Kubectl("get", "certificate", "wildcard", "-n", "my-package-certs", "-o", "jsonpath={.spec.dnsNames}").Contains("*.example.org", StringComparison.Ordinal)));

        Assert.Contains("Reconcile succeeded", _cluster.HullOk("package", "installed", "kick", "contour", "--target", "kapp-controller", "-n", ns));

        var deleted = _cluster.HullOk("package", "installed", "delete", "my-package", "--target", "kapp-controller", "-n", ns);
        Assert.Contains($"Deleted ServiceAccount {ns}/my-package-{ns}-sa", deleted);
        Assert.Contains($"Deleted ClusterRole my-package-{ns}-cluster-role", deleted);
        Assert.Contains($"Deleted Secret {ns}/my-package-{ns}-values", deleted);
        Assert.Empty(_cluster.Get("pkgi", "-n", ns).GetProperty("items").EnumerateArray());
        Assert.False(_cluster.Exists("serviceaccount", $"my-package-{ns}-sa", "-n", ns));
        Assert.False(_cluster.Exists("clusterrolebinding", $"my-package-{ns}-cluster-rolebinding"));
        Assert.False(_cluster.Exists("issuer", "wildcard-lets-encrypt", "-n", "my-package-certs"));
    }

    // Workflow 1: the prod channel added for every namespace, the prod integration installed (failure 3: its children
    // named a service account nothing created and wrote into namespaces nothing created): each package reconciles,
    // Deployments Available, ConfigMaps mode prod; a dev integration is refused on a machine with the prod channel only.
    [Fact]
    public void TheProdIntegrationReconcilesAndTheDevChannelIsRefused()
    {
        const string Global = "kapp-controller-packaging-global";
        string repository = $"prod-{Guid.NewGuid():N}"[..13];
        string ns = _cluster.NewNamespace("platform");
        _cluster.HullOk("repo", "add", repository, Released.ProdChannel, "--target", "kapp-controller", "-n", Global, "--wait", "--wait-timeout", "2m");
        try
        {
            var installed = _cluster.HullOk("package", "install", "platform", "-p", "platform.prod.example.com", "-v", "1.0.0",
                "--target", "kapp-controller", "-n", ns, "--wait", "--wait-timeout", "4m");
            foreach (string name in new[] { "platform", "hello", "echo" })
            {
                Assert.Matches($@"(?m)^{name} +{name}\.prod\.example\.com +1\.0\.0 +Reconcile succeeded", installed);
            }
            foreach (string app in new[] { "hello", "echo" })
            {
                Assert.Equal("prod", _cluster.Kubectl("get", "configmap", $"{app}-config", "-n", app, "-o", "jsonpath={.data.mode}"));
                Assert.Equal("True", _cluster.Kubectl("get", "deployment", app, "-n", app, "-o", "jsonpath={.status.conditions[?(@.type==\"Available\")].status}"));
            }

            AssertDirTargetAgreesWithTheCluster(ns);

            var (code, output, error) = _cluster.Hull("package", "install", "platform-dev", "-p", "platform.dev.example.com", "-v", "1.0.0",
                "--target", "kapp-controller", "-n", ns, "--wait", "--wait-timeout", "20s");
            Assert.Equal(1, code);
            Assert.Contains("platform.dev.example.com", output);
            Assert.Contains($"1 installation did not reconcile within --wait-timeout 20s: {ns}/platform-dev", error);
        }
        finally
        {
            // The installations go before the repository their Packages come from (kapp-controller deletes through them).
            _cluster.Hull("package", "installed", "delete", "platform-dev", "--target", "kapp-controller", "-n", ns, "--wait-timeout", "1m");
            _cluster.Hull("package", "installed", "delete", "platform", "--target", "kapp-controller", "-n", ns, "--wait-timeout", "2m");
            _cluster.Hull("repo", "remove", repository, "--target", "kapp-controller", "-n", Global);
        }
    }

    // The differential check: the same installation through the dir: target writes resources whose every field the
    // API server holds after kapp-controller reconciled it (the server adds defaults, kapp its labels and annotations).
    private void AssertDirTargetAgreesWithTheCluster(string ns)
    {
        string target = Path.Combine(Released.Directory, $"dir-{ns}");
        _cluster.HullOk("package", "install", "platform", "-p", "platform.prod.example.com", "-v", "1.0.0", "-r", Released.ProdChannel,
            "--target", "dir:" + target, "-n", ns, "--existing-namespace", ns);
        var files = Directory.GetFiles(target, "*.yml", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(target, f).StartsWith(".hull", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 10, $"the dir: target wrote {files.Count} resources");
        var differences = new List<string>();
        foreach (string file in files)
        {
            using var expected = System.Text.Json.JsonDocument.Parse(_cluster.Kubectl("create", "--dry-run=client", "-o", "json", "-f", file));
            using var actual = System.Text.Json.JsonDocument.Parse(_cluster.Kubectl("get", "-o", "json", "-f", file));
            CollectDifferences(expected.RootElement, actual.RootElement, Path.GetRelativePath(target, file) + ":", differences);
        }
        Assert.True(differences.Count == 0, "dir: and kapp-controller differ:\n" + string.Join("\n", differences));
    }

    private static void CollectDifferences(System.Text.Json.JsonElement expected, System.Text.Json.JsonElement actual, string path, List<string> differences)
    {
        switch (expected.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                foreach (var property in expected.EnumerateObject())
                {
                    if (actual.ValueKind != System.Text.Json.JsonValueKind.Object || !actual.TryGetProperty(property.Name, out var value))
                    {
                        differences.Add($"{path}.{property.Name}: missing in the cluster");
                        continue;
                    }
                    CollectDifferences(property.Value, value, $"{path}.{property.Name}", differences);
                }
                break;
            case System.Text.Json.JsonValueKind.Array:
                if (actual.ValueKind != System.Text.Json.JsonValueKind.Array || actual.GetArrayLength() != expected.GetArrayLength())
                {
                    differences.Add($"{path}: {expected.GetRawText()} in dir:, {actual.GetRawText()} in the cluster");
                    break;
                }
                for (int i = 0; i < expected.GetArrayLength(); i++)
                {
                    CollectDifferences(expected[i], actual[i], $"{path}[{i}]", differences);
                }
                break;
            default:
                if (expected.GetRawText() != actual.GetRawText())
                {
                    differences.Add($"{path}: {expected.GetRawText()} in dir:, {actual.GetRawText()} in the cluster");
                }
                break;
        }
    }

    private static bool WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }
            Thread.Sleep(500);
        }
        return false;
    }
}

/// <summary>The cluster whose kapp-controller runs the reference ytt, kbld and imgpkg (HULL_TEST_KUBECONFIG).</summary>
public sealed class ReferenceToolsClusterTests() : ClusterWorkflowTests("HULL_TEST_KUBECONFIG");

/// <summary>The cluster whose kapp-controller runs Hull as ytt, kbld and imgpkg (HULL_TEST_KUBECONFIG_HULL_TOOLS).</summary>
public sealed class HullToolsClusterTests() : ClusterWorkflowTests("HULL_TEST_KUBECONFIG_HULL_TOOLS");
