using System.CommandLine;
using Hull.Packaging.Installing;

namespace Hull.Cli.Commands;

/// <summary>`hull reconcile`: retry every installation that has not succeeded, dependencies first, as kapp-controller's periodic sync does.</summary>
public static class ReconcileCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var options = new InstallTargetOptions();
        var wait = new Option<bool>("--wait") { Description = "Keep retrying until all succeed or --wait-timeout" };
        var waitTimeout = new Option<TimeSpan>("--wait-timeout") { Description = "How long --wait keeps trying", DefaultValueFactory = _ => TimeSpan.FromMinutes(5) };
        var all = new Option<bool>("--all") { Description = "Reconcile every installation, not only failed ones" };
        var command = new Command("reconcile", "Reconcile the installations of a target that have not succeeded (all with --all), in dependency order") { wait, waitTimeout, all };
        command.Options.Add(RepositoryOptions.ListFile);
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = await options.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            var pending = session.Target.List().Where(i => parse.GetValue(all) || i.Succeeded != true).ToList();
            var results = await session.Reconciler.ReconcileTreeAsync(Reconciler.Order(pending), parse.GetValue(wait), DateTimeOffset.UtcNow + parse.GetValue(waitTimeout), cancellationToken).ConfigureAwait(false);
            InstallTargetOptions.WriteTable(parse.InvocationConfiguration.Output, session.Target.List(), DateTimeOffset.UtcNow, withNamespace: true);
            int failed = results.Count(r => r.Succeeded != true);
            if (failed == 0)
            {
                InstallTargetOptions.ReportUnreadable(session.Target);
            }
            return failed == 0 ? HullApp.Success : throw new InstallException($"{failed} of {results.Count} installations failed to reconcile");
        });
        return command;
    }
}
