using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Versions;

namespace Hull.Packaging.Installing;

/// <summary>The Package a PackageInstall selects: the first repository offering its refName, the highest version its versionSelection admits.</summary>
public static class PackageSelection
{
    /// <summary>Selects the package.</summary>
    /// <exception cref="InstallException">No repository offers the refName.</exception>
    /// <exception cref="VersionSelectionException">No version matches.</exception>
    public static RepositoryPackage Select(IReadOnlyList<RepositoryContents> repositories, PackageInstall install)
    {
        string refName = install.Spec.PackageRef?.RefName ?? throw new InstallException($"PackageInstall {install.Metadata.Name}: spec.packageRef.refName is missing");
        var selection = install.Spec.PackageRef.VersionSelection?.ToVersionSelection() ?? new VersionSelection(">=0.0.0");
        var contents = repositories.FirstOrDefault(r => r.PackageNames.Contains(refName, StringComparer.Ordinal))
            ?? throw new InstallException($"package '{refName}' is in none of the repositories ({string.Join(", ", repositories.Select(r => r.Origin))})");
        return contents.Select(refName, selection);
    }
}
