using System.Text.RegularExpressions;

namespace Hull.Cli.Tests;

// Workflow 2 (examples/opinionated-install/run.sh): the guide's opinionated installation package end to end, on the
// embedded store and against the test registry, then the installed tree checked for what the guide promises: five
// installs succeeded, the user's values in the Issuer and the Certificate, each child's values Secret installed.
public sealed class OpinionatedInstallTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hull-workflow2-").FullName;
    private readonly string _hull = Path.Combine(AppContext.BaseDirectory, "hull");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RunsOnTheEmbeddedStore() => RunAndCheck(registry: null);

    [Fact]
    public void RunsAgainstTheTestRegistry()
    {
        var registry = RegistryUnderTest.Host;
        RunAndCheck($"{registry}/workflow2-{Guid.NewGuid():N}");
    }

    private void RunAndCheck(string? registry)
    {
        var work = Path.Combine(_dir, "work");
        var script = Path.Combine(TestPaths.RepoRoot(), "examples", "opinionated-install", "run.sh");
        var output = registry is null
            ? Run("bash", _dir, script, "--work", work)
            : Run("bash", _dir, script, "--work", work, "--registry", registry, "--path", "hull-example");
        Assert.Contains("$ hull package install my-package -p my-package.my-opinionated.com -v 0.0.1 -f my-package-config.yaml", output);

        // --wait shows the states as kubectl get pkgi --watch does: each Reconciling, then Reconcile succeeded, the
        // CRD providers (cert-manager, contour) and the namespace's (external-dns) before my-opinionated-config uses them.
        int At(string name, string state) => Regex.Match(output, $@"(?m)^{Regex.Escape(name)} +\S+ +(\S+ +)?{state}").Index;
        foreach (var name in new[] { "my-package", "cert-manager", "contour", "external-dns", "my-opinionated-config" })
        {
            Assert.True(At(name, "Reconciling") > 0 && At(name, "Reconciling") < At(name, "Reconcile succeeded"), name);
        }
        Assert.True(At("my-package", "Reconcile succeeded") < At("cert-manager", "Reconciling"));
        foreach (var provider in new[] { "cert-manager", "contour", "external-dns" })
        {
            Assert.True(At(provider, "Reconcile succeeded") < At("my-opinionated-config", "Reconcile succeeded"), provider);
        }

        // Five installs, the metapackage and the four it installs, all reconciled.
        var installed = Run(_hull, work, "package", "installed", "list", "--target", "dir:target");
        foreach (var (name, package, version) in new[]
        {
            ("cert-manager", "cert-manager.community.tanzu.vmware.com", "1.5.1"),
            ("contour", "contour.community.tanzu.vmware.com", "1.17.1"),
            ("external-dns", "external-dns.community.tanzu.vmware.com", "0.8.0"),
            ("my-opinionated-config", "config.my-opinionated.com", "0.0.1"),
            ("my-package", "my-package.my-opinionated.com", "0.0.1"),
        })
        {
            Assert.Matches($@"(?m)^{name}\s+{package.Replace(".", @"\.", StringComparison.Ordinal)}\s+{version.Replace(".", @"\.", StringComparison.Ordinal)}\s+Reconcile succeeded", installed);
        }
        Assert.Equal(6, installed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // my-opinionated-config rendered with the user's values (my-package-config.yaml), through its values Secret.
        var config = Path.Combine(work, "target", "default", "my-opinionated-config");
        var issuer = File.ReadAllText(Path.Combine(config, "issuer.cert-manager.io-my-package-certs-wildcard-lets-encrypt.yml"));
        Assert.Contains("email: jorge@none.com", issuer);
        Assert.Contains("region: eu-west1", issuer);
        var certificate = File.ReadAllText(Path.Combine(config, "certificate.cert-manager.io-my-package-certs-wildcard.yml"));
        Assert.Matches(@"dnsNames:\s+- '?\*\.example\.com'?", certificate);
        Assert.True(File.Exists(Path.Combine(config, "tlscertificatedelegation.projectcontour.io-my-package-certs-wildcards.yml")));

        // The metapackage installed each PackageInstall's values Secret, filled by its yaml.encode overlays.
        var metapackage = Path.Combine(work, "target", "default", "my-package");
        foreach (var child in new[] { "contour", "external-dns", "my-opinionated-config" })
        {
            var secret = File.ReadAllText(Path.Combine(metapackage, $"secret-default-{child}-my-package-values.yml"));
            Assert.Contains($"name: {child}-my-package-values", secret);
            Assert.Contains("values.yml:", secret);
        }
        Assert.Contains("--domain-filter=example.com", File.ReadAllText(Path.Combine(metapackage, "secret-default-external-dns-my-package-values.yml")));
        Assert.Contains("*.example.com.", File.ReadAllText(Path.Combine(work, "target", "default", "contour", "configmap-projectcontour-envoy.yml")));
    }

    private string Run(string program, string workingDirectory, params string[] args) =>
        ChildProcess.Run(program, workingDirectory, new Dictionary<string, string>
        {
            ["HULL"] = _hull,
            ["HULL_CONFIG_DIR"] = Path.Combine(_dir, "work", "config"),
            ["HULL_CACHE_DIR"] = Path.Combine(_dir, "work", "cache"),
        }, args);
}
