namespace Hull.Packaging.Repositories;

/// <summary>
/// Where things go in a package repository bundle (kapp-controller's artifact format):
/// <c>packages/&lt;refName&gt;/metadata.yml</c>, <c>packages/&lt;refName&gt;/&lt;version&gt;.yml</c>, and
/// <c>.imgpkg/images.yml</c> listing every package bundle by digest.
/// </summary>
public static class RepositoryLayout
{
    /// <summary>The folder holding Package and PackageMetadata files.</summary>
    public const string PackagesDir = "packages";

    /// <summary>The file name of a package's PackageMetadata.</summary>
    public const string MetadataFile = "metadata.yml";

    /// <summary>The conventional path of a package's metadata.</summary>
    public static string MetadataPath(string refName) => $"{PackagesDir}/{refName}/{MetadataFile}";

    /// <summary>The conventional path of one package version.</summary>
    public static string PackagePath(string refName, string version) => $"{PackagesDir}/{refName}/{version}.yml";

    /// <summary>Whether a bundle path is a YAML file kapp-controller reads from the packages folder.</summary>
    public static bool IsPackageFile(string path) =>
        path.StartsWith(PackagesDir + "/", StringComparison.Ordinal)
        && (path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal));
}
