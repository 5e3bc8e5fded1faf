using System.CommandLine;
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
        var command = new Command("list", "List installations (NAME, PACKAGE NAME, PACKAGE VERSION, DESCRIPTION, AGE)") { all };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            using var target = DirectoryTarget.Open(options.Directory(parse), create: false);
            bool every = parse.GetValue(all);
            string ns = parse.GetValue(options.Namespace)!;
            InstallTargetOptions.WriteTable(parse.InvocationConfiguration.Output, target.List().Where(i => every || i.Namespace == ns), DateTimeOffset.UtcNow, every);
            InstallTargetOptions.ReportUnreadable(target);
            return HullApp.Success;
        });
        return command;
    }

    private static Command Get()
    {
        var options = new InstallTargetOptions();
        var name = new Argument<string>("NAME");
        var command = new Command("get", "Show an installation's record: its PackageInstall with status (values Secrets hidden)") { name };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            using var target = DirectoryTarget.Open(options.Directory(parse), create: false);
            var installation = Find(target, parse.GetValue(options.Namespace)!, parse.GetValue(name)!);
            var output = parse.InvocationConfiguration.Output;
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

    private static Command Update()
    {
        var options = new InstallTargetOptions();
        var name = new Argument<string>("NAME");
        var version = new Option<string?>("--version", "-v") { Description = "The new exact version" };
        var constraint = new Option<string?>("--version-constraint") { Description = "The new version constraint" };
        var valuesFiles = new Option<string[]>("--values-file", "-f") { Description = "New values (replace the old ones), repeatable" };
        var command = new Command("update", "Change an installation's version or values and reconcile it (files replaced atomically)") { name, version, constraint, valuesFiles };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = await options.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            var installation = Find(session.Target, parse.GetValue(options.Namespace)!, parse.GetValue(name)!);
            if (installation.Parent is not null)
            {
                throw new InstallException($"{installation.Key} is installed by {installation.Parent}; change that package's values instead");
            }
            var install = installation.Install;
            if (parse.GetValue(version) is not null || parse.GetValue(constraint) is not null)
            {
                string constraints = PackageInstallCommand.Constraints(parse.GetValue(version), parse.GetValue(constraint));
                install = install with { Spec = install.Spec with { PackageRef = install.Spec.PackageRef! with { VersionSelection = new SemverSelection { Constraints = constraints } } } };
            }
            var values = installation.Values;
            if ((parse.GetValue(valuesFiles) ?? []) is { Length: > 0 } files)
            {
                var texts = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (string file in files)
                {
                    texts[Path.GetFileName(file)] = File.Exists(file) ? await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false) : throw new InstallException($"--values-file '{file}': no such file");
                }
                string secretName = $"{installation.Name}-{installation.Namespace}-values";
                values = [Secret.ForValues(secretName, installation.Namespace, texts)];
                install = install with { Spec = install.Spec with { Values = [new PackageInstallValues { SecretRef = new ValuesSecretRef { Name = secretName } }] } };
            }
            var results = await session.Reconciler.ReconcileTreeAsync([installation with { Install = install, Values = values }], false, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            InstallTargetOptions.WriteTable(parse.InvocationConfiguration.Output, results, DateTimeOffset.UtcNow);
            var root = results.First(r => r.Key == installation.Key);
            return root.Succeeded == true ? HullApp.Success : throw new InstallException($"updating {root.Key}: {root.UsefulErrorMessage} (the installed files are unchanged)");
        });
        return command;
    }

    private static Command Delete()
    {
        var options = new InstallTargetOptions();
        var name = new Argument<string>("NAME");
        var command = new Command("delete", "Delete an installation: exactly the files it owns, and the installations it created") { name };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            using var target = DirectoryTarget.Open(options.Directory(parse), create: false);
            var installation = Find(target, parse.GetValue(options.Namespace)!, parse.GetValue(name)!);
            if (installation.Parent is not null)
            {
                throw new InstallException($"{installation.Key} is installed by {installation.Parent}; delete that one");
            }
            Uninstall(target, installation, parse.InvocationConfiguration.Output);
            return HullApp.Success;
        });
        return command;
    }

    private static void Uninstall(DirectoryTarget target, Installation installation, TextWriter output)
    {
        foreach (var child in target.List().Where(i => i.Parent == installation.Key))
        {
            Uninstall(target, child, output);
        }
        target.Delete(installation);
        output.WriteLine($"Deleted {installation.Key} ({installation.Files.Count} files)");
    }

    private static Command Kick()
    {
        var options = new InstallTargetOptions();
        var name = new Argument<string>("NAME");
        var command = new Command("kick", "Reconcile an installation now (and the installations it creates)") { name };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = await options.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            var installation = Find(session.Target, parse.GetValue(options.Namespace)!, parse.GetValue(name)!);
            var results = await session.Reconciler.ReconcileTreeAsync([installation], false, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            InstallTargetOptions.WriteTable(parse.InvocationConfiguration.Output, results, DateTimeOffset.UtcNow);
            var root = results.First(r => r.Key == installation.Key);
            return root.Succeeded == true ? HullApp.Success : throw new InstallException($"{root.Key}: {root.UsefulErrorMessage}");
        });
        return command;
    }

    private static Installation Find(DirectoryTarget target, string ns, string name) =>
        target.Find(ns, name) ?? throw new InstallException($"installation {ns}/{name} not found in dir:{target.Root}{(target.List() is { Count: > 0 } all ? $" (installed: {string.Join(", ", all.Select(i => i.Key))})" : "")}");
}
