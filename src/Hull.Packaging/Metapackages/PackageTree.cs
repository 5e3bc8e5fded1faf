using Hull.Failures;
using Hull.Packaging.Repositories;

namespace Hull.Packaging.Metapackages;

/// <summary>One package of a metapackage tree: the install that asked for it, the version selected, its own installs.</summary>
/// <param name="InstallName">The PackageInstall's name (the root's is its package name).</param>
/// <param name="Package">The selected package version.</param>
/// <param name="Repository">The repository it was found in.</param>
/// <param name="Children">The packages its rendered configuration installs, in document order.</param>
public sealed record PackageTreeNode(string InstallName, RepositoryPackage Package, string Repository, IReadOnlyList<PackageTreeNode> Children)
{
    /// <summary>The tree as indented lines: <c>install: refName version (bundle)</c>.</summary>
    public IEnumerable<string> Lines(string indent = "")
    {
        string bundle = Package.Package.Spec.Template?.Spec?.Fetch?.Select(f => f.ImgpkgBundle?.Image).FirstOrDefault(i => i is not null) ?? "";
        yield return $"{indent}{InstallName}: {Package.RefName} {Package.Version}{(bundle.Length == 0 ? "" : $" ({bundle})")}";
        foreach (var line in Children.SelectMany(c => c.Lines(indent + "  ")))
        {
            yield return line;
        }
    }
}

/// <summary>A metapackage tree that cannot be resolved: an unknown package or version, a cycle, or one package at two versions.</summary>
public sealed class PackageTreeException(string message) : HullException(message);
