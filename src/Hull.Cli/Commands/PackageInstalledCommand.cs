using System.CommandLine;
using Hull.Packaging.Auditing;
using Hull.Packaging.Cluster;
using Hull.Packaging.Installing;

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
            bool every = parse.GetValue(all);
            string? ns = every ? null : parse.GetValue(options.Namespace);
            var output = parse.InvocationConfiguration.Output;
            if (options.IsKappController(parse))
            {
                using var cluster = options.Cluster(parse);
                var installs = await new ClusterInstallations(cluster).ListAsync(ns, cancellationToken).ConfigureAwait(false);
                InstalledList.Write(output, installs.Select(i => (i.Namespace, i.Name, i.Source, i.Version, i.Description)).ToList(), every, parse.GetValue(format)!);
                return HullApp.Success;
            }
            using var target = options.OpenTarget(parse);
            var installations = new Installations(target);
            InstalledList.Write(output, installations.List(ns), every, parse.GetValue(format)!);
            installations.ReportUnreadable();
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
            var installations = new Installations(target);
            var installation = installations.Get(parse.GetValue(options.Namespace)!, parse.GetValue(name)!);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(valuesOutput) is string file)
            {
                return WriteValuesFile(output, installation.Key, installations.ValuesTexts(installation), file);
            }
            Field(output, "NAME", installation.Name);
            Field(output, "NAMESPACE", installation.Namespace);
            Field(output, "PACKAGE-NAME", installation.Install.Spec.PackageRef?.RefName);
            Field(output, "PACKAGE-VERSION", installation.Version);
            Field(output, "VERSION-CONSTRAINTS", installation.Install.Spec.PackageRef?.VersionSelection?.Constraints);
            Field(output, "STATUS", installation.Description);
            Field(output, "BUNDLE", installation.Bundle);
            Field(output, "VALUES-DIGEST", installation.ValuesDigest);
            Field(output, "INSTALLED-BY", installation.Parent ?? "user");
            Field(output, "LAST-ATTEMPT", $"{installation.LastAttempt:yyyy-MM-ddTHH:mm:ssZ}");
            Field(output, "RESOURCES", installation.Resources.Count);
            if (installation.Succeeded == false)
            {
                Field(output, "USEFUL-ERROR-MESSAGE", installation.UsefulErrorMessage);
            }
            return HullApp.Success;
        });
        return command;
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
            async Task<InstallChange> Change() => InstallChange.For(parse.GetValue(version), parse.GetValue(constraint),
                await PackageValuesFiles.ReadAsync(parse.GetValue(valuesFiles) ?? [], cancellationToken).ConfigureAwait(false));
            var output = parse.InvocationConfiguration.Output;
            if (options.IsKappController(parse))
            {
                if (parse.GetValue(dryRun))
                {
                    throw new InstallException("--dry-run previews a dir: target's files; for the kapp-controller target use 'hull package install --dry-run' to print the resources");
                }
                using var cluster = options.Cluster(parse);
                var installs = new ClusterInstallations(cluster);
                var install = await installs.GetAsync(parse.GetValue(options.Namespace)!, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false);
                await installs.UpdateAsync(install, await Change().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                return await ClusterInstallOutput.WaitAsync(installs, output, [(install.Namespace, install.Name)], parse.GetValue(waitTimeout) ?? TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            }
            using var session = await options.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            var installations = session.Installations;
            var installation = installations.GetUpdatable(parse.GetValue(options.Namespace)!, parse.GetValue(name)!);
            var updated = Installations.Changed(installation, await Change().ConfigureAwait(false));
            if (parse.GetValue(dryRun))
            {
                var changes = await installations.PreviewAsync(updated, cancellationToken).ConfigureAwait(false);
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
            var results = await installations.ReconcileAsync(updated, cancellationToken).ConfigureAwait(false);
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
            var output = parse.InvocationConfiguration.Output;
            if (options.IsKappController(parse))
            {
                using var cluster = options.Cluster(parse);
                var installs = new ClusterInstallations(cluster);
                var install = await installs.GetAsync(parse.GetValue(options.Namespace)!, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false);
                var deadline = DateTimeOffset.UtcNow + (parse.GetValue(waitTimeout) ?? TimeSpan.FromMinutes(5));
                foreach (string deletedResource in await installs.DeleteAsync(install, deadline, state => output.WriteLine($"{state.Key}: {state.Description}"), cancellationToken).ConfigureAwait(false))
                {
                    output.WriteLine($"Deleted {deletedResource}");
                }
                return HullApp.Success;
            }
            using var target = options.OpenTarget(parse);
            new Installations(target).Delete(parse.GetValue(options.Namespace)!, parse.GetValue(name)!, deleted => output.WriteLine($"Deleted {deleted.Key} ({deleted.Files.Count} files)"));
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
                var installs = new ClusterInstallations(cluster);
                var install = await installs.GetAsync(parse.GetValue(options.Namespace)!, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false);
                await installs.KickAsync(install, cancellationToken).ConfigureAwait(false);
                return await ClusterInstallOutput.WaitAsync(installs, parse.InvocationConfiguration.Output, [(install.Namespace, install.Name)], parse.GetValue(waitTimeout) ?? TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            }
            using var session = await options.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            var installation = session.Installations.Get(parse.GetValue(options.Namespace)!, parse.GetValue(name)!);
            var results = await session.Installations.ReconcileAsync(installation, cancellationToken).ConfigureAwait(false);
            InstallTargetOptions.WriteTable(parse.InvocationConfiguration.Output, results, DateTimeOffset.UtcNow);
            return InstallTargetOptions.Outcome(results);
        });
        return command;
    }

    // tanzu package installed get: the PackageInstall's fields and status; --values-file-output writes its values Secrets' contents.
    private static async Task<int> ClusterGetAsync(ParseResult parse, InstallTargetOptions options, string name, string? valuesOutput, CancellationToken cancellationToken)
    {
        using var cluster = options.Cluster(parse);
        var installs = new ClusterInstallations(cluster);
        var install = await installs.GetAsync(parse.GetValue(options.Namespace)!, name, cancellationToken).ConfigureAwait(false);
        var output = parse.InvocationConfiguration.Output;
        if (valuesOutput is not null)
        {
            return WriteValuesFile(output, install.Key, await installs.ValuesTextsAsync(install, cancellationToken).ConfigureAwait(false), valuesOutput);
        }
        Field(output, "NAME", install.Name);
        Field(output, "NAMESPACE", install.Namespace);
        Field(output, "PACKAGE-NAME", install.Source);
        Field(output, "PACKAGE-VERSION", install.Version);
        Field(output, "VERSION-CONSTRAINTS", install.Constraints);
        Field(output, "STATUS", install.Description);
        Field(output, "SERVICE-ACCOUNT", install.ServiceAccountName);
        Field(output, "VALUES-SECRETS", string.Join(", ", install.ValuesSecrets));
        Field(output, "CREATED", $"{install.Created:yyyy-MM-ddTHH:mm:ssZ}");
        if (install.UsefulErrorMessage is { Length: > 0 } message)
        {
            Field(output, "USEFUL-ERROR-MESSAGE", message);
        }
        return HullApp.Success;
    }

    // tanzu's `package installed get` layout: each label and its colon in 25 columns.
    private static void Field(TextWriter output, string label, object? value) => output.WriteLine($"{label + ":",-25}{value}");

    private static int WriteValuesFile(TextWriter output, string key, IReadOnlyList<string> texts, string file)
    {
        InstalledValues.Write(key, texts, file);
        output.WriteLine($"Wrote the values of {key} to {file}");
        return HullApp.Success;
    }
}
