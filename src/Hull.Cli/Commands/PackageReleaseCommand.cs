using Hull.Oci.Storage;
using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Images.Resolving;
using Hull.Oci;
using Hull.Oci.Registry;
using Hull.Packaging.Authoring;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;

namespace Hull.Cli.Commands;

/// <summary>`hull package release [DIR]`: lock images, push the bundle, write Package + PackageMetadata, optionally into a repository.</summary>
public static class PackageReleaseCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "The package folder", DefaultValueFactory = _ => "." };
        var bundle = new Option<string?>("--bundle", "-b") { Description = "Push the bundle here: a repository (tagged with the version) or REF:TAG (default: package.yml's imgpkgBundle.image)" };
        var version = new Option<string?>("--version", "-v") { Description = "The version to release (default: package.yml's spec.version)" };
        var repo = new Option<string?>("--repo") { Description = "Also release into this repository bundle (registry reference or oci:PATH:TAG; created when missing)" };
        var repositoryDir = new Option<string?>("--repository-dir") { Description = "Also write the Package and PackageMetadata into this repository folder (packages/<name>/)" };
        var notes = new Option<string?>("--release-notes") { Description = "spec.releaseNotes" };
        var licenses = new Option<string[]>("--license") { Description = "spec.licenses (repeatable)" };
        var maintainers = new Option<string[]>("--maintainer") { Description = "PackageMetadata spec.maintainers (repeatable)" };
        var isStatic = new Option<bool>("--static") { Description = "Render the templates now and bundle the plain YAML (auditable with diff, grep, yq; no values at install time)" };
        var staticValues = new Option<string[]>("--values-file", "-f") { Description = "With --static: values to render with (plain YAML; repeatable)" };
        var registry = new RegistryFlags();
        var signing = new SigningOption();
        var command = new Command("release", "Lock images, push the package bundle and write its Package and PackageMetadata (bundle by digest, values schema, release date)") { dir };
        foreach (Option option in new Option[] { bundle, version, repo, repositoryDir, notes, licenses, maintainers, isStatic, staticValues })
        {
            command.Options.Add(option);
        }
        registry.AddTo(command);
        signing.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string folder = parse.GetValue(dir)!;
            string? target = parse.GetValue(bundle) ?? DraftBundle(folder)
                ?? throw new PackageAuthoringException($"{Path.Combine(folder, PackageScaffold.PackageFile)}: spec.template.spec.fetch[0].imgpkgBundle.image is empty; pass --bundle REF");
            var log = parse.InvocationConfiguration.Error;
            using var client = new RegistryClient(registry.Read(parse));
            var stores = new ImageStores(client);
            var resolver = new StoreDigestResolver(client);
            using var key = signing.Load(parse);

            // Everything that can fail is read and checked before the first push.
            RepositoryBuilder? repository = null;
            Hull.Oci.References.ImageLocation? repoTarget = null;
            if (parse.GetValue(repo) is string repoRef)
            {
                repoTarget = Locations.Parse(repoRef, "--repo");
                repository = new RepositoryBuilder();
                try
                {
                    repository.AddExisting(await RepositoryReader.ReadBundleAsync(stores, repoTarget, cancellationToken).ConfigureAwait(false));
                }
                catch (Hull.Bundles.BundleException ex) when (ex.InnerException is OciNotFoundException)
                {
                    log.WriteLine($"Repository '{repoRef}' does not exist yet; creating it");
                }
            }
            using var rendered = parse.GetValue(isStatic) ? new TempFolder("hull-static-") : null;
            if (rendered is not null)
            {
                await StaticPackage.RenderAsync(folder, parse.GetValue(staticValues) ?? [], rendered.Path, cancellationToken).ConfigureAwait(false);
                folder = rendered.Path;
            }
            var request = new PackageReleaseRequest(folder, target)
            {
                Version = parse.GetValue(version),
                ReleaseNotes = parse.GetValue(notes),
                Licenses = parse.GetValue(licenses) ?? [],
                Maintainers = parse.GetValue(maintainers) ?? [],
            };
            var prepared = await PackageReleaser.PrepareAsync(request, resolver, cancellationToken).ConfigureAwait(false);
            RepositoryBuilder? folderRepository = null;
            if (parse.GetValue(repositoryDir) is string existingDir && Directory.Exists(Path.Combine(existingDir, "packages")))
            {
                folderRepository = new RepositoryBuilder().AddExisting(await RepositoryReader.ReadDirectoryAsync(existingDir, cancellationToken).ConfigureAwait(false));
            }
            // A version already released keeps its release date; its bundle must come out identical or nothing is pushed.
            string refName = prepared.Metadata.Metadata.Name ?? "";
            if ((repository?.Find(refName, prepared.Version) ?? folderRepository?.Find(refName, prepared.Version)) is { } released)
            {
                request = request with
                {
                    ReleasedAt = released.Spec.ReleasedAt,
                    ReleasedBundle = released.Spec.Template?.Spec?.Fetch?.Select(f => f.ImgpkgBundle?.Image).FirstOrDefault(i => i is not null),
                };
            }
            if (prepared.ValuesUnchecked)
            {
                log.WriteLine($"Warning: {prepared.ConfigName}/ takes plain data values without a schema: install-time values are not checked and the Package has no valuesSchema (add a #@data/values-schema file)");
            }
            var release = await PackageReleaser.ReleaseAsync(stores, resolver, request, log.WriteLine, cancellationToken).ConfigureAwait(false);
            log.WriteLine($"Pushed '{release.Push.DigestReference}'");
            if (key is not null)
            {
                await SigningOption.SignAsync(stores, release.Push.DigestReference, key, log, cancellationToken).ConfigureAwait(false);
            }
            if (parse.GetValue(repositoryDir) is string repoDir)
            {
                var builder = folderRepository ?? new RepositoryBuilder();
                Add(builder, release.Package, release.Metadata);
                var written = await builder.WriteAsync(repoDir, cancellationToken).ConfigureAwait(false);
                log.WriteLine($"Wrote {written.Count} files to {repoDir}");
            }
            if (repository is not null && repoTarget is not null)
            {
                Add(repository, release.Package, release.Metadata);
                var published = await RepositoryPublisher.PublishAsync(stores, repository, repoTarget, new ObjectMeta(), log.WriteLine, cancellationToken).ConfigureAwait(false);
                log.WriteLine($"Pushed repository '{published.Push.DigestReference}'");
                if (key is not null)
                {
                    await SigningOption.SignAsync(stores, published.Push.DigestReference, key, log, cancellationToken).ConfigureAwait(false);
                }
            }
            parse.InvocationConfiguration.Output.Write(ResourceYaml.Emit(new IResource[] { release.Metadata, release.Package }));
            log.WriteLine("Succeeded");
            return HullApp.Success;
        });
        return command;
    }

    private static void Add(RepositoryBuilder builder, Package package, PackageMetadata metadata)
    {
        builder.AddFile(ResourceYaml.Emit(metadata with { Metadata = metadata.Metadata with { Namespace = null } }), PackageScaffold.MetadataFile);
        builder.Add(package, PackageScaffold.PackageFile);
    }

    // The scaffold leaves the bundle empty; an author may have filled in where it goes.
    private static string? DraftBundle(string folder)
    {
        string file = Path.Combine(folder, PackageScaffold.PackageFile);
        if (!File.Exists(file))
        {
            return null;
        }
        try
        {
            var draft = ResourceYaml.ReadSingle<Package>(File.ReadAllText(file), file);
            string? image = draft.Spec.Template?.Spec?.Fetch?.Select(f => f.ImgpkgBundle?.Image).FirstOrDefault(i => !string.IsNullOrEmpty(i));
            return string.IsNullOrEmpty(image) ? null : image;
        }
        catch (ResourceException)
        {
            return null; // the release reports it with the field
        }
    }
}
