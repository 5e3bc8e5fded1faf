namespace Hull.Cluster.Tests;

/// <summary>Workflow 1: the prod channel's integration reconciles, agrees with the <c>dir:</c> target, and the dev channel is refused. Run against both test clusters (see <see cref="ClusterTest"/>).</summary>
public abstract class ProdChannelTests(string kubeconfigVariable) : ClusterTest(kubeconfigVariable)
{
    // Workflow 1: the prod channel added for every namespace, the prod integration installed (failure 3: its children
    // named a service account nothing created and wrote into namespaces nothing created): each package reconciles,
    // Deployments Available, ConfigMaps mode prod; a dev integration is refused on a machine with the prod channel only.
    [Fact]
    public void TheProdIntegrationReconcilesAndTheDevChannelIsRefused()
    {
        const string Global = "kapp-controller-packaging-global";
        string repository = $"prod-{Guid.NewGuid():N}"[..13];
        string ns = Cluster.NewNamespace("platform");
        Cluster.HullOk("repo", "add", repository, Released.ProdChannel, "--target", "kapp-controller", "-n", Global, "--wait", "--wait-timeout", "2m");
        try
        {
            var installed = Cluster.HullOk("package", "install", "platform", "-p", "platform.prod.example.com", "-v", "1.0.0",
                "--target", "kapp-controller", "-n", ns, "--wait", "--wait-timeout", "4m");
            foreach (string name in new[] { "platform", "hello", "echo" })
            {
                Assert.Matches($@"(?m)^{name} +{name}\.prod\.example\.com +1\.0\.0 +Reconcile succeeded", installed);
            }
            foreach (string app in new[] { "hello", "echo" })
            {
                Assert.Equal("prod", Cluster.Kubectl("get", "configmap", $"{app}-config", "-n", app, "-o", "jsonpath={.data.mode}"));
                Assert.Equal("True", Cluster.Kubectl("get", "deployment", app, "-n", app, "-o", "jsonpath={.status.conditions[?(@.type==\"Available\")].status}"));
            }

            AssertDirTargetAgreesWithTheCluster(ns);

            var (code, output, error) = Cluster.Hull("package", "install", "platform-dev", "-p", "platform.dev.example.com", "-v", "1.0.0",
                "--target", "kapp-controller", "-n", ns, "--wait", "--wait-timeout", "5s");
            Assert.Equal(1, code);
            Assert.Contains("platform.dev.example.com", output);
            Assert.Contains($"1 installation did not reconcile within --wait-timeout 5s: {ns}/platform-dev", error);
        }
        finally
        {
            // The installations go before the repository their Packages come from (kapp-controller deletes through them).
            Cluster.Hull("package", "installed", "delete", "platform-dev", "--target", "kapp-controller", "-n", ns, "--wait-timeout", "1m");
            Cluster.Hull("package", "installed", "delete", "platform", "--target", "kapp-controller", "-n", ns, "--wait-timeout", "2m");
            Cluster.Hull("repo", "remove", repository, "--target", "kapp-controller", "-n", Global);
        }
    }

    // The differential check: the same installation through the dir: target writes resources whose every field the
    // API server holds after kapp-controller reconciled it (the server adds defaults, kapp its labels and annotations).
    private void AssertDirTargetAgreesWithTheCluster(string ns)
    {
        string target = Path.Combine(Released.Directory, $"dir-{ns}");
        Cluster.HullOk("package", "install", "platform", "-p", "platform.prod.example.com", "-v", "1.0.0", "-r", Released.ProdChannel,
            "--target", "dir:" + target, "-n", ns, "--existing-namespace", ns);
        var files = Directory.GetFiles(target, "*.yml", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(target, f).StartsWith(".hull", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 10, $"the dir: target wrote {files.Count} resources");
        var differences = new List<string>();
        foreach (string file in files)
        {
            using var expected = System.Text.Json.JsonDocument.Parse(Cluster.Kubectl("create", "--dry-run=client", "-o", "json", "-f", file));
            using var actual = System.Text.Json.JsonDocument.Parse(Cluster.Kubectl("get", "-o", "json", "-f", file));
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

    /// <summary>On the cluster whose kapp-controller runs the reference Carvel tools.</summary>
    public sealed class ReferenceTools() : ProdChannelTests(ReferenceToolsVariable);

    /// <summary>On the cluster whose kapp-controller runs Hull as ytt, kbld and imgpkg.</summary>
    public sealed class HullTools() : ProdChannelTests(HullToolsVariable);
}
