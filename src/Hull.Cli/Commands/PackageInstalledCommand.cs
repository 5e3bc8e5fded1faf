using System.CommandLine;
using Hull.Packaging.Auditing;
using Hull.Packaging.Cluster;
using Hull.Packaging.Installing;
using Hull.Packaging.Resources;

namespace Hull.Cli.Commands;

/// <summary>`hull package installed list|get|update|delete|kick`: the installations of a target, like 'tanzu package installed'.</summary>
public static class PackageInstalledCommand
{
    /// <summary>Builds the command tree.</summary>
    public static Command Create()
    {
        var installed = new Command("installed", "Installations in a target: list, get, update, delete, kick");
        installed.Subcommands.Add(List());
        installed.Subcommands.Add(Get());
        installed.Subcommands.Add(Update());
        installed.Subcommands.Add(Delete());
        installed.Subcommands.Add(Kick());
        return installed;
    }

    private static Command List()
    {
        var options = new InstallTargetOptions();
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "Every namespace" };
        var format = new Option<string>("--output", "-o") { Description = "Output format: table, yaml or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "yaml", "json");
        var command = new Command("list", "List installations as 'tanzu package installed list' does (NAME, PACKAGE-NAME, PACKAGE-VERSION, STATUS)") { all, format };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (options.IsKappController(parse))
            {
                using var cluster = options.Cluster(parse);
                bool everyNs = parse.GetValue(all);
                var installs = await cluster.ListInstallsAsync(everyNs ? null : parse.GetValue(options.Namespace), cancellationToken).ConfigureAwait(false);
                InstalledList.Write(parse.InvocationConfiguration.Output, installs.Select(i => (i.Namespace, i.Name, i.Source, i.Version, i.Description)).ToList(), everyNs, parse.GetValue(format)!);
                return HullApp.Success;
            }
            using var target = options.OpenTarget(parse);
            bool every = parse.GetValue(all);
            string ns = parse.GetValue(options.Namespace)!;
            InstalledList.Write(parse.InvocationConfiguration.Output, target.List().Where(i => every || i.Namespace == ns).ToList(), every, parse.GetValue(format)!);
            InstallTargetOptions.ReportUnreadable(target);
            return HullApp.Success;
        });
        return command;
    }

    private static Command Get()
    {
        var options = new InstallTargetOptions();
        var name = new Argument<string>("NAME");
        var valuesOutput = new Option<string?>("--values-file-output") { Description = "Write the installation's values (its values Secret's contents) to this file (mode 0600)" };
        var command = new Command("get", "Show an installation's record: its PackageInstall with status (values Secrets hidden)") { name, valuesOutput };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (options.IsKappController(parse))
            {
                return await ClusterGetAsync(parse, options, parse.GetValue(name)!, parse.GetValue(valuesOutput), cancellationToken).ConfigureAwait(false);
            }
            using var target = options.OpenTarget(parse);
            var installation = Find(target, parse.GetValue(options.Namespace)!, parse.GetValue(name)!);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(valuesOutput) is string file)
            {
                WriteValues(target, installation, file);
                output.WriteLine($"Wrote the values of {installation.Key} to {file}");
                return HullApp.Success;
            }
            output.WriteLine($"NAME:                    {installation.Name}");
            output.WriteLine($"NAMESPACE:               {installation.Namespace}");
            output.WriteLine($"PACKAGE-NAME:            {installation.Install.Spec.PackageRef?.RefName}");
            output.WriteLine($"PACKAGE-VERSION:         {installation.Version}");
            output.WriteLine($"VERSION-CONSTRAINTS:     {installation.Install.Spec.PackageRef?.VersionSelection?.Constraints}");
            output.WriteLine($"STATUS:                  {installation.Description}");
            output.WriteLine($"BUNDLE:                  {installation.Bundle}");
            output.WriteLine($"VALUES-DIGEST:           {installation.ValuesDigest}");
            output.WriteLine($"INSTALLED-BY:            {installation.Parent ?? "user"}");
            output.WriteLine($"LAST-ATTEMPT:            {installation.LastAttempt:yyyy-MM-ddTHH:mm:ssZ}");
            output.WriteLine($"RESOURCES:               {installation.Resources.Count}");
            if (installation.Succeeded == false)
            {
                output.WriteLine($"USEFUL-ERROR-MESSAGE:    {installation.UsefulErrorMessage}");
            }
            return HullApp.Success;
        });
        return command;
    }

    // tanzu's --values-file-output: the values Secret's contents as the file (several keys are separate documents).
    private static void WriteValues(DirectoryTarget target, Installation installation, string file)
    {
        var texts = new List<string>();
        foreach (var reference in installation.Install.Spec.Values ?? [])
        {
            string secretName = reference.SecretRef?.Name ?? "";
            var secret = installation.Values.FirstOrDefault(s => s.Metadata.Name == secretName) ?? target.FindSecret(installation.Namespace, secretName)
                ?? throw new InstallException($"values Secret '{installation.Namespace}/{secretName}' of {installation.Key} does not exist");
            texts.AddRange(secret.Contents().Where(kv => reference.SecretRef!.Key is null || reference.SecretRef.Key == kv.Key).Select(kv => kv.Value));
        }
        if (texts.Count == 0)
        {
            throw new InstallException($"{installation.Key} has no values (its PackageInstall names no values Secret)");
        }
        WriteValuesFile(file, texts);
    }

    // Several values files are separate documents; written 0600 from the start (values may hold secrets).
    private static void WriteValuesFile(string file, IEnumerable<string> texts)
    {
        string text = string.Join("---\n", texts.Select(t => t.EndsWith('\n') ? t : t + "\n"));
        // Written 0600 from the start (values may hold secrets), beside the destination, then moved into place.
        string full = Path.GetFullPath(file);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            PrivateFiles.Write(temp, text, restricted: true);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static Command Update()
    {
        var options = new InstallTargetOptions();
        var name = new Argument<string>("NAME");
        var version = new Option<string?>("--version", "-v") { Description = "The new exact version" };
        var constraint = new Option<string?>("--version-constraint") { Description = "The new version constraint" };
        var valuesFiles = new Option<string[]>("--values-file", "-f") { Description = "New values (replace the old ones), repeatable" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the diff of every file the update would change, and change nothing (dir: targets)" };
        var waitTimeout = GoDuration.Option("--wait-timeout", "kapp-controller target: how long to wait for the reconcile", TimeSpan.FromMinutes(5));
        var command = new Command("update", "Change an installation's version or values and reconcile it (dir: files replaced atomically; kapp-controller: the PackageInstall and its values Secret, then wait)") { name, version, constraint, valuesFiles, dryRun, waitTimeout };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (options.IsKappController(parse))
            {
                return await ClusterUpdateAsync(parse, options, parse.GetValue(name)!, parse.GetValue(version), parse.GetValue(constraint), parse.GetValue(valuesFiles) ?? [], parse.GetValue(dryRun), parse.GetValue(waitTimeout) ?? TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            }
            using var session = await options.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            var installation = Find(session.Target, parse.GetValue(options.Namespace)!, parse.GetValue(name)!);
            if (installation.Parent is not null)
            {
                throw new InstallException($"{installation.Key} is installed by {installation.Parent}; change that installation's values instead");
            }
            var install = installation.Install;
            if (parse.GetValue(version) is not null || parse.GetValue(constraint) is not null)
            {
                string constraints = PackageInstallCommand.Constraints(parse.GetValue(version), parse.GetValue(constraint));
                var selection = install.Spec.PackageRef?.VersionSelection ?? new SemverSelection();
                install = install with { Spec = install.Spec with { PackageRef = install.Spec.PackageRef! with { VersionSelection = selection with { Constraints = constraints } } } };
            }
            var values = installation.Values;
            if ((parse.GetValue(valuesFiles) ?? []) is { Length: > 0 } files)
            {
                var read = await PackageValuesFiles.ReadAsync(files, cancellationToken).ConfigureAwait(false);
                var manifests = KappControllerManifests.For(installation.Name, installation.Namespace, "", "", read.Select(v => (v.Name, v.Text)).ToList(), install.Spec.ServiceAccountName);
                var secret = manifests.OfType<Secret>().Single();
                values = [secret];
                install = install with { Spec = install.Spec with { Values = [new PackageInstallValues { SecretRef = new ValuesSecretRef { Name = secret.Metadata.Name } }] } };
            }
            var updated = installation with { Install = install, Values = values };
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(dryRun))
            {
                var changes = await session.Reconciler.PreviewAsync(updated, cancellationToken).ConfigureAwait(false);
                foreach (var (path, old, @new) in changes)
                {
                    foreach (string line in LineDiff.Unified(old, @new, old is null ? "/dev/null" : $"a/{path}", @new is null ? "/dev/null" : $"b/{path}"))
                    {
                        output.WriteLine(line);
                    }
                }
                output.WriteLine(changes.Count == 0 ? $"{installation.Key}: no file would change" : $"{installation.Key}: {changes.Count} files would change (dry run: nothing written)");
                return HullApp.Success;
            }
            var results = await session.Reconciler.ReconcileTreeAsync([updated], false, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            InstallTargetOptions.WriteTable(output, results, DateTimeOffset.UtcNow);
            if (results.FirstOrDefault(r => r.Key == installation.Key) is { Succeeded: false })
            {
                output.WriteLine($"{installation.Key}: the installed files are unchanged");
            }
            return InstallTargetOptions.Outcome(results);
        });
        return command;
    }

    private static Command Delete()
    {
        var options = new InstallTargetOptions();
        var name = new Argument<string>("NAME");
        var waitTimeout = GoDuration.Option("--wait-timeout", "kapp-controller target: how long to wait for the PackageInstall to be gone", TimeSpan.FromMinutes(5));
        var command = new Command("delete", "Delete an installation: first the installations it created (users of a CRD or namespace before its provider), then exactly the files it owns; kapp-controller: the PackageInstall, then the values Secret, service account and RBAC the install created") { name, waitTimeout };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (options.IsKappController(parse))
            {
                using var cluster = options.Cluster(parse);
                var install = await cluster.FindInstallAsync(parse.GetValue(options.Namespace)!, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false);
                var deadline = DateTimeOffset.UtcNow + (parse.GetValue(waitTimeout) ?? TimeSpan.FromMinutes(5));
                var writer = parse.InvocationConfiguration.Output;
                foreach (string deletedResource in await cluster.DeleteInstallAsync(install, deadline, state => writer.WriteLine($"{state.Key}: {state.Description}"), cancellationToken).ConfigureAwait(false))
                {
                    writer.WriteLine($"Deleted {deletedResource}");
                }
                return HullApp.Success;
            }
            using var target = options.OpenTarget(parse);
            var installation = Find(target, parse.GetValue(options.Namespace)!, parse.GetValue(name)!);
            if (installation.Parent is not null)
            {
                throw new InstallException($"{installation.Key} is installed by {installation.Parent}; delete that one");
            }
            var output = parse.InvocationConfiguration.Output;
            Uninstaller.Uninstall(target, installation, deleted => output.WriteLine($"Deleted {deleted.Key} ({deleted.Files.Count} files)"));
            return HullApp.Success;
        });
        return command;
    }

    private static Command Kick()
    {
        var options = new InstallTargetOptions();
        var name = new Argument<string>("NAME");
        var waitTimeout = GoDuration.Option("--wait-timeout", "kapp-controller target: how long to wait for the reconcile", TimeSpan.FromMinutes(5));
        var command = new Command("kick", "Reconcile an installation now (and the installations it creates)") { name, waitTimeout };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (options.IsKappController(parse))
            {
                using var cluster = options.Cluster(parse);
                var install = await cluster.FindInstallAsync(parse.GetValue(options.Namespace)!, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false);
                await cluster.KickAsync(install, cancellationToken).ConfigureAwait(false);
                return await ClusterInstallOutput.WaitAsync(cluster, parse.InvocationConfiguration.Output, [(install.Namespace, install.Name)], parse.GetValue(waitTimeout) ?? TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            }
            using var session = await options.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            var installation = Find(session.Target, parse.GetValue(options.Namespace)!, parse.GetValue(name)!);
            var results = await session.Reconciler.ReconcileTreeAsync([installation], false, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            InstallTargetOptions.WriteTable(parse.InvocationConfiguration.Output, results, DateTimeOffset.UtcNow);
            return InstallTargetOptions.Outcome(results);
        });
        return command;
    }

    // tanzu package installed get: the PackageInstall's fields and status; --values-file-output writes its values Secrets' contents.
    private static async Task<int> ClusterGetAsync(ParseResult parse, InstallTargetOptions options, string name, string? valuesOutput, CancellationToken cancellationToken)
    {
        using var cluster = options.Cluster(parse);
        var install = await cluster.FindInstallAsync(parse.GetValue(options.Namespace)!, name, cancellationToken).ConfigureAwait(false);
        var output = parse.InvocationConfiguration.Output;
        if (valuesOutput is not null)
        {
            var texts = new List<string>();
            foreach (string secretName in install.ValuesSecrets)
            {
                var secret = await cluster.GetSecretAsync(install.Namespace, secretName, cancellationToken).ConfigureAwait(false)
                    ?? throw new InstallException($"values Secret '{install.Namespace}/{secretName}' of {install.Key} does not exist");
                texts.AddRange(secret.Select(kv => kv.Value));
            }
            if (texts.Count == 0)
            {
                throw new InstallException($"{install.Key} has no values (its PackageInstall names no values Secret)");
            }
            WriteValuesFile(valuesOutput, texts);
            output.WriteLine($"Wrote the values of {install.Key} to {valuesOutput}");
            return HullApp.Success;
        }
        output.WriteLine($"NAME:                    {install.Name}");
        output.WriteLine($"NAMESPACE:               {install.Namespace}");
        output.WriteLine($"PACKAGE-NAME:            {install.Source}");
        output.WriteLine($"PACKAGE-VERSION:         {install.Version}");
        output.WriteLine($"VERSION-CONSTRAINTS:     {install.Constraints}");
        output.WriteLine($"STATUS:                  {install.Description}");
        output.WriteLine($"SERVICE-ACCOUNT:         {install.ServiceAccountName}");
        output.WriteLine($"VALUES-SECRETS:          {string.Join(", ", install.ValuesSecrets)}");
        output.WriteLine($"CREATED:                 {install.Created:yyyy-MM-ddTHH:mm:ssZ}");
        if (install.UsefulErrorMessage is { Length: > 0 } message)
        {
            output.WriteLine($"USEFUL-ERROR-MESSAGE:    {message}");
        }
        return HullApp.Success;
    }

    // tanzu package installed update: the PackageInstall's constraint and its values Secret (the one the install
    // created, NAME-NAMESPACE-values), then wait for the reconcile of the new generation.
    private static async Task<int> ClusterUpdateAsync(ParseResult parse, InstallTargetOptions options, string name, string? version, string? constraint, string[] valuesFiles, bool dryRun, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            throw new InstallException("--dry-run previews a dir: target's files; for the kapp-controller target use 'hull package install --dry-run' to print the resources");
        }
        using var cluster = options.Cluster(parse);
        var install = await cluster.FindInstallAsync(parse.GetValue(options.Namespace)!, name, cancellationToken).ConfigureAwait(false);
        string? constraints = version is null && constraint is null ? null : PackageInstallCommand.Constraints(version, constraint);
        Secret? values = null;
        if (valuesFiles.Length > 0)
        {
            var read = await PackageValuesFiles.ReadAsync(valuesFiles, cancellationToken).ConfigureAwait(false);
            values = KappControllerManifests.For(install.Name, install.Namespace, "", "", read.Select(v => (v.Name, v.Text)).ToList(), install.ServiceAccountName).OfType<Secret>().Single();
        }
        await cluster.UpdateInstallAsync(install, constraints, values, cancellationToken).ConfigureAwait(false);
        if (constraints is null)
        {
            // New values alone do not change the PackageInstall's generation: a kick makes the reconcile waited for be one that read them.
            await cluster.KickAsync(install, cancellationToken).ConfigureAwait(false);
        }
        return await ClusterInstallOutput.WaitAsync(cluster, parse.InvocationConfiguration.Output, [(install.Namespace, install.Name)], timeout, cancellationToken).ConfigureAwait(false);
    }

    private static Installation Find(DirectoryTarget target, string ns, string name) =>
        target.Find(ns, name) ?? throw new InstallException($"installation {ns}/{name} not found in dir:{target.Root}{(target.List() is { Count: > 0 } all ? $" (installed: {string.Join(", ", all.Select(i => i.Key))})" : "")}");
}
