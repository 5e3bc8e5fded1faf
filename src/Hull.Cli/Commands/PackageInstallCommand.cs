using System.CommandLine;
using Hull.Packaging.Installing;
using Hull.Packaging.Resources;

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
            string installName = parse.GetValue(name)!;
            string ns = parse.GetValue(options.Namespace)!;
            string refName = parse.GetValue(packageName)!;
            if (KubernetesName.Problem(ns, installName) is { } problem)
            {
                throw new InstallException($"installation {ns}/{installName}: {problem}");
            }
            string constraints = Constraints(parse.GetValue(version), parse.GetValue(constraint));
            var values = new List<(string File, string Text)>();
            foreach (var read in await PackageValuesFiles.ReadAsync(parse.GetValue(valuesFiles) ?? [], cancellationToken).ConfigureAwait(false))
            {
                values.Add((read.Name, read.Text));
            }
            var output = parse.InvocationConfiguration.Output;
            var manifests = KappControllerManifests.For(installName, ns, refName, constraints, values, parse.GetValue(serviceAccount));
            if (parse.GetValue(options.Target) == "kapp-controller")
            {
                // The cluster's kapp-controller does the reconciling; Hull creates what kctrl would create.
                if (ns == "default" && !parse.GetValue(sharedNamespace))
                {
                    throw new InstallException("Creating sensitive resources in a shared namespace (default): give a namespace with -n, or --dangerous-allow-use-of-shared-namespace to allow it");
                }
                if (parse.GetValue(dryRun))
                {
                    // kctrl prints without a cluster; Hull checks the package against the repositories it knows.
                    var loaded = await options.Repositories.LoadAsync(parse, cancellationToken).ConfigureAwait(false);
                    PackageSelection.Select(loaded.Select(l => l.Contents).ToList(), manifests.OfType<Hull.Packaging.Resources.PackageInstall>().Single());
                    output.Write(KappControllerManifests.DryRun(manifests));
                    return HullApp.Success;
                }
                using var cluster = options.Cluster(parse);
                var toApply = parse.GetValue(createNamespace) ? manifests.Prepend(NamespaceResource(ns)).ToList() : manifests;
                foreach (string applied in await cluster.ApplyAsync(toApply, cancellationToken).ConfigureAwait(false))
                {
                    output.WriteLine($"applied {applied}");
                }
                if (!parse.GetValue(wait))
                {
                    output.WriteLine($"kapp-controller reconciles it: hull package installed list --target kapp-controller -n {ns} (or --wait)");
                    return HullApp.Success;
                }
                return await ClusterInstallOutput.WaitAsync(cluster, output, [(ns, installName)], parse.GetValue(waitTimeout) ?? TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            }
            if (parse.GetValue(dryRun))
            {
                throw new InstallException("--dry-run is for the kapp-controller target; a dir: target can be tried in a scratch folder");
            }
            bool create = parse.GetValue(createNamespace);
            var installation = KappControllerManifests.ToInstallation(manifests, DateTimeOffset.UtcNow, create ? ns : null);
            var watch = parse.GetValue(wait) ? new WatchTable(output) : null;
            using var session = await options.OpenAsync(parse, cancellationToken, watch is null ? null : watch.Write, create: true).ConfigureAwait(false);
            if (session.Target.Find(ns, installName) is { } existing)
            {
                throw new InstallException(existing.Parent is null
                    ? $"installation {ns}/{installName} already exists; change it with 'hull package installed update {installName}{(ns == "default" ? "" : $" -n {ns}")}'"
                    : $"installation {ns}/{installName} already exists, installed by {existing.Parent}; change that installation's values ('hull package installed update {existing.Parent[(existing.Parent.IndexOf('/', StringComparison.Ordinal) + 1)..]} -f VALUES')");
            }
            var state = ClusterState.Of(session.Target);
            if (!create && !state.HasNamespace(ns))
            {
                throw new InstallException($"namespaces \"{ns}\" not found in dir:{session.Target.Root}: give --create-namespace, or declare it as existing with --existing-namespace {ns}");
            }
            var timeout = parse.GetValue(waitTimeout) ?? TimeSpan.FromMinutes(5);
            var deadline = DateTimeOffset.UtcNow + timeout;
            var results = await session.Reconciler.ReconcileTreeAsync([installation], parse.GetValue(wait), deadline, cancellationToken).ConfigureAwait(false);
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

    // tanzu's --create-namespace: the Namespace, applied before what goes in it.
    private static OtherResource NamespaceResource(string ns) => new("v1", "Namespace", new ObjectMeta { Name = ns },
        new Hull.Yaml.Map([new Hull.Yaml.MapItem("apiVersion", "v1"), new Hull.Yaml.MapItem("kind", "Namespace"), new Hull.Yaml.MapItem("metadata", new Hull.Yaml.Map([new Hull.Yaml.MapItem("name", ns)]))]));

    /// <summary>The versionSelection constraint: the exact version, or the constraint (exactly one of them).</summary>
    public static string Constraints(string? version, string? constraint) => (version, constraint) switch
    {
        (null, null) => throw new InstallException("give --version V or --version-constraint C"),
        (not null, not null) => throw new InstallException("give --version or --version-constraint, not both"),
        _ => version ?? constraint!,
    };
}
