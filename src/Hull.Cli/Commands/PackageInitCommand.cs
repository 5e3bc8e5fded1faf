using System.CommandLine;
using Hull.Packaging.Authoring;

namespace Hull.Cli.Commands;

/// <summary>`hull package init NAME`: scaffold a package folder (config/, values schema, .imgpkg/, package.yml, package-metadata.yml).</summary>
public static class PackageInitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The package name: a DNS subdomain of at least three segments, e.g. app.corp.com" };
        var dir = new Option<string?>("--dir") { Description = "The package folder (default: ./<first segment of NAME>)" };
        var displayName = new Option<string?>("--display-name") { Description = "Human friendly name for PackageMetadata" };
        var fromConfig = new Option<bool>("--from-config") { Description = "Adopt the folder's existing config/ as the package's configuration: write only package.yml, package-metadata.yml and .imgpkg/images.yml" };
        var command = new Command("init", "Create a package folder: config/ with a data values schema, .imgpkg/images.yml, package.yml and package-metadata.yml") { name, dir, displayName, fromConfig };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string refName = parse.GetValue(name)!;
            string folder = parse.GetValue(dir) ?? refName.Split('.')[0];
            bool adopt = parse.GetValue(fromConfig);
            var files = await PackageScaffold.WriteAsync(folder, refName, parse.GetValue(displayName), cancellationToken, adopt).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            foreach (var file in files)
            {
                output.WriteLine($"file: {Path.Combine(folder, file.Path)}");
            }
            if (adopt)
            {
                output.WriteLine($"Adopted {Path.Combine(folder, PackageScaffold.ConfigDir)}/ as the configuration of package '{refName}' (no templates added)");
            }
            output.WriteLine($"Created package '{refName}' in {folder}: edit {PackageScaffold.ConfigDir}/, lock images with 'hull resolve -f {PackageScaffold.ConfigDir} --imgpkg-lock-output .imgpkg/images.yml'");
            return HullApp.Success;
        });
        return command;
    }
}
