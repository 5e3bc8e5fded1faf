using Hull.Oci.Storage;
using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Oci.Registry;
using Hull.Oci.Signatures;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.App;
using Hull.Packaging.Resources.Serialization;
using Hull.Packaging.Sources;

namespace Hull.Cli.Commands;

/// <summary>`hull repo`: the user's named package repositories (add, list, remove) and checking a repository.</summary>
public static class RepoCommand
{
    /// <summary>Builds the `repo` command tree.</summary>
    public static Command Create()
    {
        var repo = new Command("repo", "Package repositories: keep a list of named repositories (channels), check a repository's contents");
        repo.Options.Add(RepositoryOptions.ListFile);
        repo.Subcommands.Add(Add());
        repo.Subcommands.Add(List());
        repo.Subcommands.Add(Update());
        repo.Subcommands.Add(Remove());
        repo.Subcommands.Add(Check());
        repo.Subcommands.Add(RepoReleaseCommand.Create());
        return repo;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "The repository's name (lowercase letters, digits, '-')" };
        var location = new Argument<string>("LOCATION") { Description = "A folder, oci:PATH[:TAG], or a registry reference of the repository bundle" };
        var trust = new Option<string[]>("--trust")
        {
            Description = "A public key (KEY.pub) the repository bundle must be signed by (repeatable: any one of them); every read of the repository then verifies it first",
        };
        var cluster = new ClusterRepositoryOptions();
        var command = new Command("add", "Add a named repository (with --target kapp-controller: a PackageRepository in the cluster)") { name, location, trust };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string[] keyFiles = parse.GetValue(trust) ?? [];
            if (cluster.InCluster(parse))
            {
                if (keyFiles.Length > 0)
                {
                    throw new RepositorySourceException("--trust applies to Hull's own list of repositories; kapp-controller does not verify signatures");
                }
                return await cluster.AddAsync(parse, parse.GetValue(name)!, parse.GetValue(location)!, cancellationToken).ConfigureAwait(false);
            }
            var keys = keyFiles.Select(VerificationKey.FromFile).ToList();
            try
            {
                var list = await RepositoryOptions.LoadListAsync(parse, cancellationToken).ConfigureAwait(false);
                var added = list.Add(parse.GetValue(name)!, parse.GetValue(location)!, keys);
                await list.SaveAsync(cancellationToken).ConfigureAwait(false);
                string verified = added.IsVerified ? $", trusting {string.Join(", ", keys.Select(k => k.ShortFingerprint).Distinct())}" : "";
                parse.InvocationConfiguration.Output.WriteLine($"Added repository '{added.Name}' ({added.Location}{verified})");
            }
            finally
            {
                keys.ForEach(k => k.Dispose());
            }
            return HullApp.Success;
        });
        return command;
    }

    private static Command List()
    {
        var format = new Option<string>("--output", "-o") { Description = "table, or yaml: a PackageRepository per registry repository, to apply with kubectl", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "yaml");
        var ns = new Option<string?>("--namespace", "-n") { Description = "Namespace of the PackageRepository resources (-o yaml; with --target kapp-controller, the namespace listed, default 'default')" };
        var cluster = new ClusterRepositoryOptions();
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "kapp-controller target: every namespace" };
        var command = new Command("list", "List the named repositories (with --target kapp-controller: the cluster's PackageRepositories and their status)") { format, all };
        cluster.Target.AcceptOnlyFromAmong("kapp-controller");
        command.Options.Add(cluster.Target);
        command.Options.Add(cluster.Kubeconfig);
        command.Options.Add(ns);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (cluster.InCluster(parse))
            {
                return await cluster.ListAsync(parse, parse.GetValue(ns) ?? "default", parse.GetValue(all), cancellationToken).ConfigureAwait(false);
            }
            var list = await RepositoryOptions.LoadListAsync(parse, cancellationToken).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "yaml")
            {
                // Folders and layouts exist only on this machine: kapp-controller cannot fetch them.
                var resources = list.All
                    .Where(s => s.Kind == RepositorySourceKind.Registry)
                    .Select(s => new PackageRepository
                    {
                        Metadata = new ObjectMeta { Name = s.Name, Namespace = parse.GetValue(ns) },
                        Spec = new PackageRepositorySpec { Fetch = new PackageRepositoryFetch { ImgpkgBundle = new AppFetchImgpkgBundle { Image = s.Location } } },
                    })
                    .ToList();
                foreach (var local in list.All.Where(s => s.Kind != RepositorySourceKind.Registry))
                {
                    parse.InvocationConfiguration.Error.WriteLine($"Warning: repository '{local.Name}' ({local.Location}) is local to this machine; no PackageRepository written for it");
                }
                output.Write(ResourceYaml.Emit(resources));
                return HullApp.Success;
            }
            var table = new TextTable("NAME", "KIND", "LOCATION", "VERIFIED");
            foreach (var source in list.All)
            {
                // The short fingerprints of the trusted keys, as `hull key generate` and `package show` print them.
                string verified = source.IsVerified ? string.Join(",", source.Trust.Select(k => k.Fingerprint["sha256:".Length..][..16])) : "no";
                table.Add(source.Name, source.Kind.ToString().ToLowerInvariant(), source.Location, verified);
            }
            table.WriteTo(output);
            return HullApp.Success;
        });
        return command;
    }

    private static Command Update()
    {
        var name = new Argument<string>("NAME") { Description = "The repository's name" };
        var location = new Argument<string>("LOCATION") { Description = "Its new location: a folder, oci:PATH[:TAG], or a registry reference" };
        var command = new Command("update", "Point a named repository at a new location (e.g. a new tag)") { name, location };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var list = await RepositoryOptions.LoadListAsync(parse, cancellationToken).ConfigureAwait(false);
            string before = list.Find(parse.GetValue(name)!)?.Location ?? "";
            var updated = list.Update(parse.GetValue(name)!, parse.GetValue(location)!);
            await list.SaveAsync(cancellationToken).ConfigureAwait(false);
            parse.InvocationConfiguration.Output.WriteLine($"Updated repository '{updated.Name}' ({before} -> {updated.Location})");
            return HullApp.Success;
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("NAME") { Description = "The repository's name" };
        var cluster = new ClusterRepositoryOptions();
        var command = new Command("remove", "Remove a named repository (with --target kapp-controller: delete the cluster's PackageRepository)") { name };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (cluster.InCluster(parse))
            {
                return await cluster.RemoveAsync(parse, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            }
            var list = await RepositoryOptions.LoadListAsync(parse, cancellationToken).ConfigureAwait(false);
            var removed = list.Remove(parse.GetValue(name)!);
            await list.SaveAsync(cancellationToken).ConfigureAwait(false);
            parse.InvocationConfiguration.Output.WriteLine($"Removed repository '{removed.Name}' ({removed.Location})");
            return HullApp.Success;
        });
        return command;
    }

    private static Command Check()
    {
        var target = new Argument<string>("REPOSITORY") { Description = "A name from 'hull repo list', a folder, oci:PATH[:TAG] or a registry reference" };
        var registry = new RegistryFlags();
        var command = new Command("check", "Read a repository as kapp-controller would and report every problem and warning") { target };
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var list = await RepositoryOptions.LoadListAsync(parse, cancellationToken).ConfigureAwait(false);
            string wanted = parse.GetValue(target)!;
            var source = list.Find(wanted) ?? new RepositorySource(wanted, wanted);
            using var client = new RegistryClient(registry.Read(parse));
            var contents = await RepositoryLoader.LoadAsync(source, new ImageStores(client), cancellationToken).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            foreach (string warning in contents.Warnings)
            {
                output.WriteLine($"Warning: {warning}");
            }
            int versions = contents.Packages.Count();
            output.WriteLine($"{contents.Origin}: {contents.PackageNames.Count} packages, {versions} versions, {contents.ImagesLock?.Images.Count ?? 0} locked images");
            output.WriteLine("Succeeded");
            return HullApp.Success;
        });
        return command;
    }
}
