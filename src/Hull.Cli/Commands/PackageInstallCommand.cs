using System.CommandLine;
using Hull.Packaging.Installing;
using Hull.Packaging.Cluster;

namespace Hull.Cli.Commands;

/// <summary>`hull package install NAME --package-name P --version V`: install a package (and what it installs) into a target.</summary>
public static class PackageInstallCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The installation's name" };
        var packageName = new Option<string>("--package-name", "-p", "--package") { Description = "The package (its refName)", Required = true };
        var version = new Option<string?>("--version", "-v") { Description = "The exact version to install" };
        var constraint = new Option<string?>("--version-constraint") { Description = "A version constraint (e.g. '>=1.0.0 <2.0.0'); the highest match is installed" };
        var valuesFiles = new Option<string[]>("--values-file", "-f") { Description = "Values (plain YAML), repeatable" };
        var dryRun = new Option<bool>("--dry-run") { Description = "kapp-controller target: print what would be applied, as kctrl does, instead of applying it" };
        var wait = new Option<bool>("--wait") { Description = "Show each installation's state as it changes (kubectl get pkgi --watch) until all are done or --wait-timeout" };
        var waitTimeout = GoDuration.Option("--wait-timeout", "How long --wait keeps trying", TimeSpan.FromMinutes(5));
        var serviceAccount = new Option<string?>("--service-account-name") { Description = "Use this existing service account instead of creating one (NAME-NAMESPACE-sa with a ClusterRole and binding)" };
        var createNamespace = new Option<bool>("--create-namespace") { Description = "Create the installation's namespace if it does not exist (as tanzu's flag)" };
        var sharedNamespace = new Option<bool>("--dangerous-allow-use-of-shared-namespace") { Description = "kapp-controller target: allow the shared namespace 'default' for the service account, role binding and values Secret (kctrl refuses it otherwise)" };
        var options = new InstallTargetOptions();
        var command = new Command("install", "Install a package: select the version from the repositories, template it with the values, deploy it to the target; PackageInstalls it renders are installed too") { name };
        foreach (Option o in new Option[] { packageName, version, constraint, valuesFiles, dryRun, wait, waitTimeout, serviceAccount, createNamespace, sharedNamespace })
        {
            command.Options.Add(o);
        }
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string ns = parse.GetValue(options.Namespace)!;
            var request = InstallRequest.For(parse.GetValue(name)!, ns, parse.GetValue(packageName)!, parse.GetValue(version), parse.GetValue(constraint)) with
            {
                ServiceAccount = parse.GetValue(serviceAccount),
                CreateNamespace = parse.GetValue(createNamespace),
            };
            request = request with { Values = await PackageValuesFiles.ReadAsync(parse.GetValue(valuesFiles) ?? [], cancellationToken).ConfigureAwait(false) };
            var output = parse.InvocationConfiguration.Output;
            var timeout = parse.GetValue(waitTimeout) ?? TimeSpan.FromMinutes(5);
            if (options.IsKappController(parse))
            {
                // The cluster's kapp-controller does the reconciling; Hull creates what kctrl would create.
                ClusterInstallations.Check(request, parse.GetValue(sharedNamespace));
                if (parse.GetValue(dryRun))
                {
                    var loaded = await options.Repositories.LoadAsync(parse, cancellationToken).ConfigureAwait(false);
                    output.Write(ClusterInstallations.DryRun(request, loaded.Select(l => l.Contents).ToList()));
                    return HullApp.Success;
                }
                using var cluster = options.Cluster(parse);
                var installs = new ClusterInstallations(cluster);
                foreach (string applied in await installs.InstallAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    output.WriteLine($"applied {applied}");
                }
                if (!parse.GetValue(wait))
                {
                    output.WriteLine($"kapp-controller reconciles it: hull package installed list --target kapp-controller -n {ns} (or --wait)");
                    return HullApp.Success;
                }
                return await ClusterInstallOutput.WaitAsync(installs, output, [(ns, request.Name)], timeout, cancellationToken).ConfigureAwait(false);
            }
            if (parse.GetValue(dryRun))
            {
                throw new InstallException("--dry-run is for the kapp-controller target; a dir: target can be tried in a scratch folder");
            }
            var created = DateTimeOffset.UtcNow;
            var watch = parse.GetValue(wait) ? new WatchTable(output) : null;
            using var session = await options.OpenAsync(parse, cancellationToken, watch is null ? null : watch.Write, create: true).ConfigureAwait(false);
            var deadline = DateTimeOffset.UtcNow + timeout;
            var results = await session.Installations.InstallAsync(request, created, parse.GetValue(wait), deadline, cancellationToken).ConfigureAwait(false);
            if (watch is null)
            {
                InstallTargetOptions.WriteTable(output, results, DateTimeOffset.UtcNow);
            }
            else
            {
                InstallTargetOptions.WriteFailures(output, results);
            }
            return InstallTargetOptions.Outcome(results, parse.GetValue(wait) ? timeout : null, deadline);
        });
        return command;
    }
}
