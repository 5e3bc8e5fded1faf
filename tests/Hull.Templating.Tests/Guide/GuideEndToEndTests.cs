using Hull.Templating.Files;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.Tests.Guide;

/// <summary>
/// The guide "Opinionated installation package" end to end: my-opinionated-config and my-opinionated-package (files
/// written from the guide under Guide/) rendered with the guide's sample values, objects checked field by field.
/// </summary>
public sealed class GuideEndToEndTests
{
    private static readonly string s_dir = Path.Combine(TestPaths.RepoRoot(), "tests", "Hull.Templating.Tests", "Guide");

    private static List<Map> Render(string package, Action<FileCollector, TemplateOptions> inputs)
    {
        var collector = new FileCollector();
        collector.Add(Path.Combine(s_dir, package, "config"), () => Stream.Null);
        var options = new TemplateOptions();
        inputs(collector, options);
        var result = TemplateRenderer.Render(collector.Files, options);
        return result.Files.Where(f => f.Yaml is not null).SelectMany(f => f.Yaml!.Items).Where(d => !d.IsEmpty).Select(d => (Map)d.Value!).ToList();
    }

    private static object? At(Map m, params object[] path)
    {
        object? cur = m;
        foreach (var p in path)
        {
            cur = p switch
            {
                int i => ((YamlArray)cur!).Items[i].Value,
                _ => ((Map)cur!).Find(p)?.Value,
            };
        }
        return cur;
    }

    private static Map One(List<Map> docs, string kind, string name, string? ns = null) =>
        docs.Single(d => (string?)At(d, "kind") == kind && (string?)At(d, "metadata", "name") == name && (ns is null || (string?)At(d, "metadata", "namespace") == ns));

    [Fact]
    public void My_opinionated_config_renders_with_the_sample_values()
    {
        var docs = Render("my-opinionated-config", (c, _) => c.Add(Path.Combine(s_dir, "sample-values.yaml"), () => Stream.Null));
        Assert.Equal(6, docs.Count);
        Assert.Equal("my-package-certs", At(One(docs, "Namespace", "my-package-certs"), "metadata", "name"));

        var issuer = One(docs, "Issuer", "wildcard-lets-encrypt");
        Assert.Equal("jorge@example.com", At(issuer, "spec", "acme", "email"));
        Assert.Equal("MY_REGION", At(issuer, "spec", "acme", "solvers", 0, "dns01", "route53", "region"));
        Assert.Equal("AAAAAAAAAA", At(issuer, "spec", "acme", "solvers", 0, "dns01", "route53", "accessKeyID"));
        Assert.Equal("aws-creds", At(issuer, "spec", "acme", "solvers", 0, "dns01", "route53", "secretAccessKeySecretRef", "name"));
        Assert.Equal("contour", At(issuer, "spec", "acme", "solvers", 1, "http01", "ingress", "class"));

        var cert = One(docs, "Certificate", "wildcard");
        Assert.Equal("*.example.com", At(cert, "spec", "dnsNames", 0));
        Assert.Single(((YamlArray)At(cert, "spec", "dnsNames")!).Items);
        Assert.Equal("wildcard", At(cert, "spec", "secretName"));

        var delegation = One(docs, "TLSCertificateDelegation", "wildcards");
        Assert.Equal("*", At(delegation, "spec", "delegations", 0, "targetNamespaces", 0));

        foreach (var ns in new[] { "my-package-certs", "external-dns" })
        {
            var secret = One(docs, "Secret", "aws-creds", ns);
            Assert.Equal("AAAAAAAAAA", At(secret, "stringData", "access-key-id"));
            Assert.Equal("BBBBBBBBB", At(secret, "stringData", "secret-access-key"));
        }
    }

    [Fact]
    public void My_opinionated_package_renders_with_the_install_values_file()
    {
        var docs = Render("my-opinionated-package", (_, o) => o.DataValues.AddPlainYaml("my-package-config.yaml", File.ReadAllText(Path.Combine(s_dir, "my-package-config.yaml"))));
        Assert.Equal(7, docs.Count);

        var installs = new Dictionary<string, (string Ref, string Version, string? Secret)>
        {
            ["contour"] = ("contour.community.tanzu.vmware.com", "1.17.1", "contour-my-package-values"),
            ["external-dns"] = ("external-dns.community.tanzu.vmware.com", "0.8.0", "external-dns-my-package-values"),
            ["cert-manager"] = ("cert-manager.community.tanzu.vmware.com", "1.5.1", null),
            ["my-opinionated-config"] = ("config.my-opinionated.com", "0.0.1", "my-opinionated-config-my-package-values"),
        };
        foreach (var (name, (refName, version, secretName)) in installs)
        {
            var pkgi = One(docs, "PackageInstall", name);
            Assert.Equal(refName, At(pkgi, "spec", "packageRef", "refName"));
            Assert.Equal(version, At(pkgi, "spec", "packageRef", "versionSelection", "constraints"));
            Assert.Equal("my-package-default-sa", At(pkgi, "spec", "serviceAccountName"));
            if (secretName is null) continue;
            Assert.Equal(secretName, At(pkgi, "spec", "values", 0, "secretRef", "name"));

            // Each values Secret holds a YAML document for the installed package.
            var secret = One(docs, "Secret", secretName);
            string text = Assert.IsType<string>(At(secret, "stringData", "values.yml"));
            var values = (Map)YamlParsing.ParsePlain("values.yml", text).Items[0].Value!;
            switch (name)
            {
                case "contour":
                    Assert.Equal("*.example.com.", At(values, "envoy", "service", "annotations", "external-dns.alpha.kubernetes.io/hostname"));
                    break;
                case "external-dns":
                    Assert.Equal("--domain-filter=example.com", At(values, "deployment", "args", 1));
                    Assert.Equal("--txt-owner-id=example.com", At(values, "deployment", "args", 6));
                    Assert.Equal("AWS_SECRET_ACCESS_KEY", At(values, "deployment", "env", 1, "name"));
                    Assert.Equal("secret-access-key", At(values, "deployment", "env", 1, "valueFrom", "secretKeyRef", "key"));
                    break;
                default:
                    Assert.Equal("example.com", At(values, "domain"));
                    Assert.Equal("jorge@none.com", At(values, "email"));
                    Assert.Equal("eu-west1", At(values, "aws", "region"));
                    Assert.Equal("AAAAAAAAAA", At(values, "aws", "credentials", "access_key_id"));
                    Assert.Equal("BBBBBBBBB", At(values, "aws", "credentials", "secret_access_key"));
                    break;
            }
        }
    }

    [Fact]
    public void A_values_document_with_a_misspelt_key_fails_naming_it()
    {
        string tmp = Path.Combine(Path.GetTempPath(), "hull-guide-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(tmp);
        try
        {
            string bad = Path.Combine(tmp, "bad-values.yaml");
            File.WriteAllText(bad, "#@data/values\n---\naws:\n  regoin: x\n");
            var ex = Assert.Throws<TemplateException>(() => Render("my-opinionated-config", (c, _) => c.Add(bad, () => Stream.Null)));
            Assert.Contains("Map item (key 'regoin') on line bad-values.yaml:4: Expected number of matched nodes to be 1, but was 0", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(tmp, true);
        }
    }
}
