using Hull.Packaging.Metapackages;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Packaging.Tests.Repositories;

namespace Hull.Packaging.Tests.Metapackages;

public sealed class PackageTreeResolverTests
{
    // What each package version renders to: PackageInstalls by (name, refName, constraints).
    private readonly Dictionary<string, (string Name, string RefName, string Constraints)[]> _installs = new(StringComparer.Ordinal);
    private readonly List<string> _rendered = [];

    private static RepositoryContents Repository(string origin, params (string RefName, string Version)[] packages) =>
        RepositoryReader.Read(origin, packages.Select(p => new RepositoryFile($"packages/{p.RefName}/{p.Version}.yml", RepositoryFolder.PackageYaml(p.RefName, p.Version))));

    private Task<IReadOnlyList<IResource>> Render(RepositoryPackage package, CancellationToken cancellationToken)
    {
        _rendered.Add($"{package.RefName} {package.Version}");
        var installs = _installs.GetValueOrDefault($"{package.RefName} {package.Version}") ?? [];
        IReadOnlyList<IResource> resources = installs
            .Select(i => (IResource)ResourceYaml.ReadSingle<PackageInstall>(
                $"apiVersion: packaging.carvel.dev/v1alpha1\nkind: PackageInstall\nmetadata:\n  name: {i.Name}\nspec:\n  packageRef:\n    refName: {i.RefName}\n    versionSelection:\n      constraints: '{i.Constraints}'\n",
                "rendered.yml"))
            .Append(new Secret { Metadata = new ObjectMeta { Name = "values" } })
            .ToList();
        return Task.FromResult(resources);
    }

    private static readonly RepositoryContents Stable = Repository(
        "stable",
        ("my-package.corp.com", "0.0.1"),
        ("contour.corp.com", "1.17.1"),
        ("contour.corp.com", "1.18.0"),
        ("cert-manager.corp.com", "1.5.1"),
        ("config.corp.com", "0.0.1"),
        ("config.corp.com", "0.0.2"));

    [Fact]
    public async Task ResolvesEveryInstallRecursively()
    {
        _installs["my-package.corp.com 0.0.1"] = [("contour", "contour.corp.com", "1.17.1"), ("cert-manager", "cert-manager.corp.com", ">=1.0.0"), ("config", "config.corp.com", "0.0.x")];
        _installs["config.corp.com 0.0.2"] = [("contour-again", "contour.corp.com", "<1.18.0")];

        var tree = await PackageTreeResolver.ResolveAsync(Stable.Find("my-package.corp.com", "0.0.1"), [Stable], Render, CancellationToken.None);

        string digest = RepositoryFolder.BundleDigest;
        Assert.Equal(
            [
                $"my-package.corp.com: my-package.corp.com 0.0.1 (registry.corp/my-package.corp.com@{digest})",
                $"  contour: contour.corp.com 1.17.1 (registry.corp/contour.corp.com@{digest})",
                $"  cert-manager: cert-manager.corp.com 1.5.1 (registry.corp/cert-manager.corp.com@{digest})",
                $"  config: config.corp.com 0.0.2 (registry.corp/config.corp.com@{digest})",
                $"    contour-again: contour.corp.com 1.17.1 (registry.corp/contour.corp.com@{digest})",
            ],
            tree.Lines());
        Assert.Equal(_rendered.Count, _rendered.Distinct().Count());
    }

    [Fact]
    public async Task OnePackageAtTwoVersionsIsAnError()
    {
        _installs["my-package.corp.com 0.0.1"] = [("contour", "contour.corp.com", "1.17.1"), ("config", "config.corp.com", "0.0.2")];
        _installs["config.corp.com 0.0.2"] = [("newer-contour", "contour.corp.com", ">=1.18.0")];

        var ex = await Assert.ThrowsAsync<PackageTreeException>(() => PackageTreeResolver.ResolveAsync(Stable.Find("my-package.corp.com", "0.0.1"), [Stable], Render, CancellationToken.None));

        Assert.Equal(
            "package 'contour.corp.com' is selected at two versions: 1.17.1 (by my-package.corp.com 0.0.1) and 1.18.0 (by my-package.corp.com 0.0.1 -> config.corp.com 0.0.2, PackageInstall 'newer-contour'); one cluster holds one version of a package",
            ex.Message);
    }

    [Fact]
    public async Task CyclesAreErrors()
    {
        _installs["my-package.corp.com 0.0.1"] = [("config", "config.corp.com", "0.0.1")];
        _installs["config.corp.com 0.0.1"] = [("back", "my-package.corp.com", ">=0.0.0")];

        var ex = await Assert.ThrowsAsync<PackageTreeException>(() => PackageTreeResolver.ResolveAsync(Stable.Find("my-package.corp.com", "0.0.1"), [Stable], Render, CancellationToken.None));

        Assert.Equal("cycle: my-package.corp.com 0.0.1 -> config.corp.com 0.0.1 -> my-package.corp.com 0.0.1 (PackageInstall 'back')", ex.Message);
    }

    [Fact]
    public async Task UnresolvableInstallsNameTheChain()
    {
        _installs["my-package.corp.com 0.0.1"] = [("contour", "contour.corp.com", ">=2.0.0")];
        var none = await Assert.ThrowsAsync<PackageTreeException>(() => PackageTreeResolver.ResolveAsync(Stable.Find("my-package.corp.com", "0.0.1"), [Stable], Render, CancellationToken.None));
        Assert.StartsWith("my-package.corp.com 0.0.1: PackageInstall 'contour': package 'contour.corp.com' in repository 'stable': no version satisfies constraints '>=2.0.0'", none.Message);
        Assert.Contains("available: 1.17.1, 1.18.0", none.Message);

        _installs["my-package.corp.com 0.0.1"] = [("dns", "external-dns.corp.com", "0.8.0")];
        var missing = await Assert.ThrowsAsync<PackageTreeException>(() => PackageTreeResolver.ResolveAsync(Stable.Find("my-package.corp.com", "0.0.1"), [Stable], Render, CancellationToken.None));
        Assert.Equal("my-package.corp.com 0.0.1: PackageInstall 'dns' needs package 'external-dns.corp.com', which no repository has (stable)", missing.Message);
    }

    [Fact]
    public async Task LaterRepositoriesProvideWhatEarlierOnesLack()
    {
        var extra = Repository("extra", ("external-dns.corp.com", "0.8.0"));
        _installs["my-package.corp.com 0.0.1"] = [("dns", "external-dns.corp.com", "0.8.0")];

        var tree = await PackageTreeResolver.ResolveAsync(Stable.Find("my-package.corp.com", "0.0.1"), [Stable, extra], Render, CancellationToken.None);

        Assert.Equal("extra", Assert.Single(tree.Children).Repository);
    }
}
