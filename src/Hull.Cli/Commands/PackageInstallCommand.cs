using System.CommandLine;
using Hull.Cli.Kubernetes;
using Hull.Packaging.Installing;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;

namespace Hull.Cli.Commands;

/// <summary>`hull package install NAME --package-name P --version V`: install a package (and what it installs) into a target.</summary>
public static class PackageInstallCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The installation's name" };
        var packageName = new Option<string>("--package-name", "-p") { Description = "The package (its refName)", Required = true };
        var version = new Option<string?>("--version", "-v") { Description = "The exact version to install" };
        var constraint = new Option<string?>("--version-constraint") { Description = "A version constraint (e.g. '>=1.0.0 <2.0.0'); the highest match is installed" };
        var valuesFiles = new Option<string[]>("--values-file", "-f") { Description = "Values (plain YAML), repeatable" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be created instead of creating it" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "The kapp-controller target's cluster (default: $KUBECONFIG or ~/.kube/config)" };
        var wait = new Option<bool>("--wait") { Description = "Keep reconciling failed installations (dependencies first) until all succeed or --wait-timeout" };
        var waitTimeout = new Option<TimeSpan>("--wait-timeout") { Description = "How long --wait keeps trying", DefaultValueFactory = _ => TimeSpan.FromMinutes(5) };
        var options = new InstallTargetOptions();
        var command = new Command("install", "Install a package: select the version from the repositories, template it with the values, deploy it to the target; PackageInstalls it renders are installed too") { name };
        foreach (Option o in new Option[] { packageName, version, constraint, valuesFiles, dryRun, kubeconfig, wait, waitTimeout })
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
            var files = parse.GetValue(valuesFiles) ?? [];
            var values = new List<(string File, string Text)>();
            foreach (string file in files)
            {
                values.Add((Path.GetFileName(file), File.Exists(file) ? await PackageValuesFiles.ReadTextAsync(file, cancellationToken).ConfigureAwait(false) : throw new InstallException($"--values-file '{file}': no such file")));
            }
            var output = parse.InvocationConfiguration.Output;
            var manifests = KappControllerManifests.For(installName, ns, refName, constraints, values);
            if (parse.GetValue(options.Target) == "kapp-controller")
            {
                // The cluster's kapp-controller does the reconciling; Hull creates what tanzu would create.
                if (parse.GetValue(dryRun))
                {
                    output.Write(ResourceYaml.Emit(manifests));
                    return HullApp.Success;
                }
                using var applier = new ClusterApplier(ClusterApplier.DefaultKubeconfig(parse.GetValue(kubeconfig)));
                foreach (string applied in await applier.ApplyAsync(manifests, cancellationToken).ConfigureAwait(false))
                {
                    output.WriteLine($"applied {applied}");
                }
                output.WriteLine($"kapp-controller reconciles it: kubectl get pkgi -n {ns}");
                return HullApp.Success;
            }
            var install = manifests.OfType<PackageInstall>().Single();
            var installation = new Installation
            {
                Install = install with { Metadata = install.Metadata with { Annotations = null } },
                Values = manifests.OfType<Secret>().ToList(),
                Created = DateTimeOffset.UtcNow,
            };
            using var session = await options.OpenAsync(parse, cancellationToken, create: true).ConfigureAwait(false);
            if (session.Target.Find(ns, installName) is not null)
            {
                throw new InstallException($"installation {ns}/{installName} already exists; change it with 'hull package installed update {installName}'");
            }
            if (parse.GetValue(dryRun))
            {
                throw new InstallException("--dry-run is for the kapp-controller target; a dir: target can be tried in a scratch folder");
            }
            var results = await session.Reconciler.ReconcileTreeAsync([installation], parse.GetValue(wait), DateTimeOffset.UtcNow + parse.GetValue(waitTimeout), cancellationToken).ConfigureAwait(false);
            InstallTargetOptions.WriteTable(output, results, DateTimeOffset.UtcNow);
            var root = results.First(r => r.Key == installation.Key);
            if (root.Succeeded != true)
            {
                throw new InstallException($"installing {root.Key}: {root.UsefulErrorMessage}");
            }
            if (parse.GetValue(wait) && results.Any(r => r.Succeeded != true))
            {
                throw new InstallException($"{results.Count(r => r.Succeeded != true)} installations did not reconcile before the timeout");
            }
            return HullApp.Success;
        });
        return command;
    }

    /// <summary>The versionSelection constraint: the exact version, or the constraint (exactly one of them).</summary>
    public static string Constraints(string? version, string? constraint) => (version, constraint) switch
    {
        (null, null) => throw new InstallException("give --version V or --version-constraint C"),
        (not null, not null) => throw new InstallException("give --version or --version-constraint, not both"),
        _ => version ?? constraint!,
    };
}
