using System.CommandLine;
using Hull.Packaging.Auditing;

namespace Hull.Cli.Commands;

/// <summary>`hull package diff NAME/VERSION NAME/VERSION`: what changed between two releases, file by file and in rendered output.</summary>
public static class PackageDiffCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var from = new Argument<string>("OLD") { Description = "The old release, NAME/VERSION" };
        var to = new Argument<string>("NEW") { Description = "The new release, NAME/VERSION (or VERSION: the same package)" };
        var repos = new RepositoryOptions();
        var command = new Command("diff", "Show what changed between two releases of a package: bundle, files (unified diffs), images, dependencies, values and the rendered output") { from, to };
        repos.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string old = parse.GetValue(from)!;
            string @new = parse.GetValue(to)!;
            if (!@new.Contains('/', StringComparison.Ordinal) && old.LastIndexOf('/') is > 0 and var slash)
            {
                @new = $"{old[..slash]}/{@new}";
            }
            var reports = await PackageShowCommand.ReportsAsync(parse, repos, [old, @new], null, cancellationToken).ConfigureAwait(false);
            foreach (string line in ReleaseDiff.Lines(reports[0], reports[1]))
            {
                parse.InvocationConfiguration.Output.WriteLine(line);
            }
            return HullApp.Success;
        });
        return command;
    }
}
