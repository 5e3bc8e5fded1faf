using Hull.Oci.Storage;
using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Bundles.Locks;
using Hull.Bundles.Operations;
using Hull.Oci.Registry;

namespace Hull.Cli.Commands;

/// <summary>`hull bundle copy`: imgpkg copy, a thick copy to a repository, an OCI layout or a tarball.</summary>
public static class BundleCopyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var bundle = new Option<string?>("--bundle", "-b") { Description = "Set bundle location (format: docker.io/user/repo:tag or oci:PATH:TAG)" };
        var image = new Option<string?>("--image", "-i") { Description = "Set image location (format: docker.io/user/repo:tag or oci:PATH:TAG)" };
        var lockFile = new Option<string?>("--lock") { Description = "Path to a BundleLock or ImagesLock file" };
        var tar = new Option<string?>("--tar") { Description = "Path to a tarball written by copy --to-tar (Hull's or imgpkg's)" };
        var toRepo = new Option<string?>("--to-repo") { Description = "Location to upload assets (format: docker.io/user/repo or oci:PATH)" };
        var toTar = new Option<string?>("--to-tar") { Description = "Location to write a tar file containing assets" };
        var lockOutput = new Option<string?>("--lock-output") { Description = "Location to output the generated lockfile" };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrency", DefaultValueFactory = _ => 5 }.Positive();
        var repoBasedTags = new Option<bool>("--repo-based-tags") { Description = "Tag copied images after their original repository instead of sha256-HEX.imgpkg" };
        var resume = new Option<bool>("--resume") { Description = "Resume an interrupted --to-tar, keeping the layers already written" };
        var nonDistributable = new Option<bool>("--include-non-distributable-layers") { Description = "Include non-distributable layers" };
        var withoutSignatures = new Option<bool>("--without-signatures") { Description = "Leave the cosign signatures, attestations and SBOMs (sha256-HEX.sig/.att/.sbom tags) behind; by default they travel with their images" };
        var cosignSignatures = new Option<bool>("--cosign-signatures") { Description = "Copy cosign signatures (imgpkg's flag; Hull does so by default)" };
        var registry = new RegistryFlags();

        var command = new Command("copy", "Copy a bundle (with every image it references) or an image between repositories, OCI layouts and tarballs");
        foreach (Option option in new Option[] { bundle, image, lockFile, tar, toRepo, toTar, lockOutput, concurrency, repoBasedTags, resume, nonDistributable, withoutSignatures, cosignSignatures })
        {
            command.Options.Add(option);
        }
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? b = parse.GetValue(bundle), i = parse.GetValue(image), l = parse.GetValue(lockFile), t = parse.GetValue(tar);
            string? repo = parse.GetValue(toRepo), tarOut = parse.GetValue(toTar), lockPath = parse.GetValue(lockOutput);
            BundleCommand.ExactlyOne("copy", ("--bundle (-b)", b is not null), ("--image (-i)", i is not null), ("--lock", l is not null), ("--tar", t is not null));
            BundleCommand.ExactlyOne("copy", ("--to-repo", repo is not null), ("--to-tar", tarOut is not null));
            if (t is not null && tarOut is not null)
            {
                throw new BundleUsageException("copy: --tar and --to-tar cannot be combined (copy from a tarball to a repository)");
            }
            if (lockPath is not null && tarOut is not null)
            {
                throw new BundleUsageException("copy: --lock-output needs --to-repo (a tarball has no registry location)");
            }
            if (parse.GetValue(withoutSignatures) && parse.GetValue(cosignSignatures))
            {
                throw new BundleUsageException("copy: --without-signatures and --cosign-signatures cannot be combined");
            }
            if (parse.GetValue(resume) && tarOut is null)
            {
                throw new BundleUsageException("copy: --resume only applies to --to-tar");
            }

            var source = new CopySource(
                b is null ? null : Locations.Parse(b, "--bundle"),
                i is null ? null : Locations.Parse(i, "--image"),
                l,
                t);
            var destination = new CopyDestination(repo is null ? null : Locations.Parse(repo, "--to-repo"), tarOut);
            var registryOptions = registry.Read(parse);
            var options = new CopyOptions(parse.GetValue(concurrency), parse.GetValue(repoBasedTags), parse.GetValue(resume), parse.GetValue(nonDistributable)) { BlobRetries = registryOptions.RetryCount, CarrySignatures = !parse.GetValue(withoutSignatures) };

            var output = new BundleOutput(parse.InvocationConfiguration.Output);
            using var client = new RegistryClient(registryOptions);
            var copier = new BundleCopier(new ImageStores(client), options, output, output.Line);
            var result = await output.RunAsync(() => copier.CopyAsync(source, destination, cancellationToken)).ConfigureAwait(false);

            if (lockPath is not null)
            {
                byte[] bytes = result.RelocatedImages is { } images ? LockYaml.Emit(images)
                    : result.IsBundle ? LockYaml.Emit(new BundleLock(result.RootDigestReference!, result.RootTag))
                    : LockYaml.Emit(new ImagesLock { Images = [new ImagesLockEntry(result.RootDigestReference!)] });
                await LockFiles.WriteAsync(lockPath, bytes, cancellationToken).ConfigureAwait(false);
            }
            output.Line("");
            output.Line("Succeeded");
            return HullApp.Success;
        });
        return command;
    }
}
