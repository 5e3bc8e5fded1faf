using Hull.Packaging.Rendering;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Versions;

namespace Hull.Packaging.Metapackages;

/// <summary>Renders a package version's configuration into resources (templating, or reading static files).</summary>
public delegate Task<IReadOnlyList<IResource>> PackageResourcesRenderer(RepositoryPackage package, CancellationToken cancellationToken);

/// <summary>Renders a package version with values (the root's from the user, a child's from the values Secrets of its parent's output).</summary>
public delegate Task<IReadOnlyList<IResource>> PackageValuesRenderer(RepositoryPackage package, IReadOnlyList<PackageValues> values, CancellationToken cancellationToken);

/// <summary>
/// Resolves a metapackage: renders it, selects a version for every PackageInstall in its output from the
/// repositories (in order; the first holding the package wins), and recurses, as kapp-controller would install
/// them. Cycles, unresolvable constraints and one package selected at two different versions are errors that
/// name the chain of installs that led there.
/// </summary>
public static class PackageTreeResolver
{
    /// <summary>Builds the tree under <paramref name="root"/>; <paramref name="render"/> is called once per package version.</summary>
    public static Task<PackageTreeNode> ResolveAsync(
        RepositoryPackage root,
        IReadOnlyList<RepositoryContents> repositories,
        PackageResourcesRenderer render,
        CancellationToken cancellationToken) =>
        ResolveAsync(root, [], repositories, (p, _, ct) => render(p, ct), cancellationToken);

    /// <summary>
    /// Builds the tree under <paramref name="root"/> rendered with <paramref name="values"/>; each child is rendered
    /// with the values Secrets its PackageInstall names, taken from its parent's output (as kapp-controller would
    /// read them from the cluster once the parent deployed them).
    /// </summary>
    public static async Task<PackageTreeNode> ResolveAsync(
        RepositoryPackage root,
        IReadOnlyList<PackageValues> values,
        IReadOnlyList<RepositoryContents> repositories,
        PackageValuesRenderer render,
        CancellationToken cancellationToken)
    {
        var selected = new Dictionary<string, (RepositoryPackage Package, string Chain)>(StringComparer.Ordinal);
        var rendered = new Dictionary<(string, string), IReadOnlyList<IResource>>();
        PackageValuesRenderer once = async (package, given, ct) =>
        {
            var key = (package.RefName, package.Version.ToString());
            if (!rendered.TryGetValue(key, out var resources))
            {
                rendered[key] = resources = await render(package, given, ct).ConfigureAwait(false);
            }
            return resources;
        };
        var origin = repositories.FirstOrDefault(r => r.PackageNames.Contains(root.RefName, StringComparer.Ordinal))?.Origin ?? "";
        selected[root.RefName] = (root, Describe(root));
        var problems = new List<string>();
        var tree = await ResolveNodeAsync(root.RefName, root, values, origin, [], repositories, once, selected, problems, cancellationToken).ConfigureAwait(false);
        // Every package that cannot be selected is reported at once, so one run shows all that is missing.
        return problems.Count switch
        {
            0 => tree,
            1 => throw new PackageTreeException(problems[0]),
            _ => throw new PackageTreeException($"{problems.Count} PackageInstalls cannot be resolved:\n  {string.Join("\n  ", problems)}"),
        };
    }

    private static async Task<PackageTreeNode> ResolveNodeAsync(
        string installName,
        RepositoryPackage package,
        IReadOnlyList<PackageValues> values,
        string repository,
        List<RepositoryPackage> path,
        IReadOnlyList<RepositoryContents> repositories,
        PackageValuesRenderer render,
        Dictionary<string, (RepositoryPackage Package, string Chain)> selected,
        List<string> problems,
        CancellationToken cancellationToken)
    {
        path.Add(package);
        string chain = string.Join(" -> ", path.Select(Describe));
        var children = new List<PackageTreeNode>();
        var resources = await render(package, values, cancellationToken).ConfigureAwait(false);
        foreach (var install in resources.OfType<PackageInstall>())
        {
            string name = install.Metadata.Name ?? "";
            string? refName = install.Spec.PackageRef?.RefName;
            if (string.IsNullOrEmpty(refName))
            {
                throw new PackageTreeException($"{chain}: PackageInstall '{name}' has no spec.packageRef.refName");
            }
            var selection = install.Spec.PackageRef!.VersionSelection?.ToVersionSelection() ?? new VersionSelection(">=0.0.0");
            var contents = repositories.FirstOrDefault(r => r.PackageNames.Contains(refName, StringComparer.Ordinal));
            if (contents is null)
            {
                problems.Add($"{chain}: PackageInstall '{name}' needs package '{refName}', which no repository has ({string.Join(", ", repositories.Select(r => r.Origin))})");
                continue;
            }
            RepositoryPackage child;
            try
            {
                child = contents.Select(refName, selection);
            }
            catch (Exception ex) when (ex is VersionSelectionException or RepositoryException or VersionRangeException)
            {
                problems.Add($"{chain}: PackageInstall '{name}': {ex.Message}");
                continue;
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
            children.Add(await ResolveNodeAsync(name, child, ValuesOf(install, resources), contents.Origin, path, repositories, render, selected, problems, cancellationToken).ConfigureAwait(false));
        }
        path.RemoveAt(path.Count - 1);
        return new PackageTreeNode(installName, package, repository, children);
    }

    /// <summary>The values a PackageInstall names, from the Secrets among <paramref name="siblings"/> (same namespace); missing ones are skipped.</summary>
    public static IReadOnlyList<PackageValues> ValuesOf(PackageInstall install, IEnumerable<IResource> siblings)
    {
        var secrets = siblings.OfType<Secret>().ToList();
        var values = new List<PackageValues>();
        foreach (var reference in install.Spec.Values ?? [])
        {
            string? name = reference.SecretRef?.Name;
            var secret = secrets.FirstOrDefault(s => s.Metadata.Name == name && (s.Metadata.Namespace ?? "") == (install.Metadata.Namespace ?? ""));
            if (secret is null)
            {
                continue;
            }
            foreach (var (key, text) in secret.Contents())
            {
                if (reference.SecretRef!.Key is null || reference.SecretRef.Key == key)
                {
                    values.Add(new PackageValues($"secret {name} {key}", text));
                }
            }
        }
        return values;
    }

    private static string Describe(RepositoryPackage package) => $"{package.RefName} {package.Version}";
}
