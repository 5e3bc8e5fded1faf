using Hull.Packaging.Resources;

namespace Hull.Packaging.Repositories;

/// <summary>kapp-controller's checks of a Package and a PackageMetadata, each problem with the field it concerns.</summary>
internal static class PackageRules
{
    public static List<(string Field, string Problem)> Check(Package package)
    {
        var problems = new List<(string, string)>();
        string? refName = package.Spec.RefName;
        string? version = package.Spec.Version;
        if (PackageNames.ProblemWithRefName(refName) is string refProblem)
        {
            problems.Add(("spec.refName", refProblem));
        }
        if (RepositoryContents.ParseVersion(version) is null)
        {
            problems.Add(("spec.version", string.IsNullOrEmpty(version) ? "is empty" : $"'{version}' is not a semantic version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])"));
        }
        if (problems.Count == 0 && package.Metadata.Name != PackageNames.PackageName(refName!, version!))
        {
            problems.Add(("metadata.name", $"must be '{PackageNames.PackageName(refName!, version!)}' (<spec.refName>.<spec.version>), got '{package.Metadata.Name}'"));
        }
        return problems;
    }

    public static string? Check(PackageMetadata metadata) => PackageNames.ProblemWithRefName(metadata.Metadata.Name);
}
