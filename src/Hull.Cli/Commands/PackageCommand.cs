using System.CommandLine;

namespace Hull.Cli.Commands;

/// <summary>`hull package`: authoring (init) and what repositories offer (available list, available get).</summary>
public static class PackageCommand
{
    /// <summary>Builds the `package` command tree.</summary>
    public static Command Create()
    {
        var package = new Command("package", "Carvel packages: create a package folder, see what repositories offer");
        package.Options.Add(RepositoryOptions.ListFile);
        package.Subcommands.Add(PackageInitCommand.Create());
        var available = new Command("available", "Packages available in repositories, like 'tanzu package available'");
        available.Subcommands.Add(PackageAvailableCommand.List());
        available.Subcommands.Add(PackageAvailableCommand.Get());
        package.Subcommands.Add(available);
        package.Subcommands.Add(PackageTreeCommand.Create());
        package.Subcommands.Add(PackageShowCommand.Create());
        package.Subcommands.Add(PackageDiffCommand.Create());
        package.Subcommands.Add(PackageReleaseCommand.Create());
        package.Subcommands.Add(PackageInstallCommand.Create());
        package.Subcommands.Add(PackageInstalledCommand.Create());
        return package;
    }
}
