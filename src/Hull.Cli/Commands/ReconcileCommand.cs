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
        var wait = new Option<bool>("--wait") { Description = "Show each installation's state as it changes (kubectl get pkgi --watch) until all are done or --wait-timeout" };
        var waitTimeout = GoDuration.Option("--wait-timeout", "How long --wait keeps trying", TimeSpan.FromMinutes(5));
        var all = new Option<bool>("--all") { Description = "Reconcile every installation, not only failed ones" };
        var command = new Command("reconcile", "Reconcile the installations of a target that have not succeeded (all with --all), in dependency order") { wait, waitTimeout, all };
        command.Options.Add(RepositoryOptions.ListFile);
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var watch = parse.GetValue(wait) ? new WatchTable(output) : null;
            using var session = await options.OpenAsync(parse, cancellationToken, watch is null ? null : watch.Write).ConfigureAwait(false);
            var timeout = parse.GetValue(waitTimeout) ?? TimeSpan.FromMinutes(5);
            var deadline = DateTimeOffset.UtcNow + timeout;
            var results = await session.Installations.ReconcilePendingAsync(parse.GetValue(all), parse.GetValue(wait), deadline, cancellationToken).ConfigureAwait(false);
            if (watch is null)
            {
                InstallTargetOptions.WriteTable(output, session.Target.List(), DateTimeOffset.UtcNow, withNamespace: true);
            }
            else
            {
                InstallTargetOptions.WriteFailures(output, results);
            }
            int code = InstallTargetOptions.Outcome(results, parse.GetValue(wait) ? timeout : null, deadline);
            session.Installations.ReportUnreadable();
            return code;
        });
        return command;
    }
}
