using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Versions;

namespace Hull.Packaging.Metapackages;

/// <summary>Renders a package version's configuration into resources (templating, or reading static files).</summary>
public delegate Task<IReadOnlyList<IResource>> PackageRenderer(RepositoryPackage package, CancellationToken cancellationToken);

/// <summary>
/// Resolves a metapackage: renders it, selects a version for every PackageInstall in its output from the
/// repositories (in order; the first holding the package wins), and recurses, as kapp-controller would install
/// them. Cycles, unresolvable constraints and one package selected at two different versions are errors that
/// name the chain of installs that led there.
/// </summary>
public static class PackageTreeResolver
{
    /// <summary>Builds the tree under <paramref name="root"/>; <paramref name="render"/> is called once per package version.</summary>
    public static async Task<PackageTreeNode> ResolveAsync(
        RepositoryPackage root,
        IReadOnlyList<RepositoryContents> repositories,
        PackageRenderer render,
        CancellationToken cancellationToken)
    {
        var selected = new Dictionary<string, (RepositoryPackage Package, string Chain)>(StringComparer.Ordinal);
        var rendered = new Dictionary<(string, string), IReadOnlyList<IResource>>();
        PackageRenderer once = async (package, ct) =>
        {
            var key = (package.RefName, package.Version.ToString());
            if (!rendered.TryGetValue(key, out var resources))
            {
                rendered[key] = resources = await render(package, ct).ConfigureAwait(false);
            }
            return resources;
        };
        var origin = repositories.FirstOrDefault(r => r.PackageNames.Contains(root.RefName, StringComparer.Ordinal))?.Origin ?? "";
        selected[root.RefName] = (root, Describe(root));
        return await ResolveNodeAsync(root.RefName, root, origin, [], repositories, once, selected, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<PackageTreeNode> ResolveNodeAsync(
        string installName,
        RepositoryPackage package,
        string repository,
        List<RepositoryPackage> path,
        IReadOnlyList<RepositoryContents> repositories,
        PackageRenderer render,
        Dictionary<string, (RepositoryPackage Package, string Chain)> selected,
        CancellationToken cancellationToken)
    {
        path.Add(package);
        string chain = string.Join(" -> ", path.Select(Describe));
        var children = new List<PackageTreeNode>();
        var resources = await render(package, cancellationToken).ConfigureAwait(false);
        foreach (var install in resources.OfType<PackageInstall>())
        {
            string name = install.Metadata.Name ?? "";
            string? refName = install.Spec.PackageRef?.RefName;
            if (string.IsNullOrEmpty(refName))
            {
                throw new PackageTreeException($"{chain}: PackageInstall '{name}' has no spec.packageRef.refName");
            }
            var selection = install.Spec.PackageRef!.VersionSelection?.ToVersionSelection() ?? new VersionSelection(">=0.0.0");
            var contents = repositories.FirstOrDefault(r => r.PackageNames.Contains(refName, StringComparer.Ordinal))
                ?? throw new PackageTreeException($"{chain}: PackageInstall '{name}' needs package '{refName}', which no repository has ({string.Join(", ", repositories.Select(r => r.Origin))})");
            RepositoryPackage child;
            try
            {
                child = contents.Select(refName, selection);
            }
            catch (Exception ex) when (ex is VersionSelectionException or RepositoryException or FormatException)
            {
                throw new PackageTreeException($"{chain}: PackageInstall '{name}': {ex.Message}");
            }
            if (path.Any(p => p.RefName == refName))
            {
                throw new PackageTreeException($"cycle: {chain} -> {Describe(child)} (PackageInstall '{name}')");
            }
            if (selected.TryGetValue(refName, out var earlier) && !earlier.Package.Version.Equals(child.Version))
            {
                throw new PackageTreeException(
                    $"package '{refName}' is selected at two versions: {earlier.Package.Version} (by {earlier.Chain}) and {child.Version} (by {chain}, PackageInstall '{name}'); one cluster holds one version of a package");
            }
            selected[refName] = (child, chain);
            children.Add(await ResolveNodeAsync(name, child, contents.Origin, path, repositories, render, selected, cancellationToken).ConfigureAwait(false));
        }
        path.RemoveAt(path.Count - 1);
        return new PackageTreeNode(installName, package, repository, children);
    }

    private static string Describe(RepositoryPackage package) => $"{package.RefName} {package.Version}";
}
