using Hull.Oci.Storage;
using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Bundles.Locks;
using Hull.Bundles.Operations;
using Hull.Oci.References;
using Hull.Oci.Registry;

namespace Hull.Cli.Commands;

/// <summary>`hull bundle pull`: imgpkg pull.</summary>
public static class BundlePullCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var bundle = new Option<string?>("--bundle", "-b") { Description = "Set bundle location (format: docker.io/user/repo:tag or oci:PATH:TAG)" };
        var image = new Option<string?>("--image", "-i") { Description = "Set image location (format: docker.io/user/repo:tag or oci:PATH:TAG)" };
        var lockFile = new Option<string?>("--lock") { Description = "Path to a BundleLock file" };
        var output = new Option<string>("--output", "-o") { Description = "Set output path (format: /tmp/foo)", Required = true }.NonEmptyPath();
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Recursively pull nested bundles into .imgpkg/bundles" };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrency", DefaultValueFactory = _ => 5 }.Positive();
        var registry = new RegistryFlags();

        var command = new Command("pull", "Pull a bundle or image into a directory (replacing it)");
        foreach (Option option in new Option[] { bundle, image, lockFile, output, recursive, concurrency })
        {
            command.Options.Add(option);
        }
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? b = parse.GetValue(bundle), i = parse.GetValue(image), l = parse.GetValue(lockFile);
            BundleCommand.ExactlyOne("pull", ("--bundle (-b)", b is not null), ("--image (-i)", i is not null), ("--lock", l is not null));
            ImageLocation source;
            bool expectBundle = i is null;
            if (l is not null)
            {
                var parsed = LockYaml.ParseLockFile(await File.ReadAllBytesAsync(l, cancellationToken).ConfigureAwait(false), l);
                source = parsed.BundleLock is { } bundleLock
                    ? ImageReference.Parse(bundleLock.Image)
                    : throw new BundleUsageException($"pull: --lock '{l}' is an ImagesLock; pull needs a BundleLock");
            }
            else
            {
                source = Locations.Parse(b ?? i!, b is not null ? "--bundle" : "--image");
            }

            var writer = new BundleOutput(parse.InvocationConfiguration.Output);
            var registryOptions = registry.Read(parse);
            using var client = new RegistryClient(registryOptions);
            var request = new PullRequest(source, expectBundle, parse.GetValue(output)!, parse.GetValue(recursive), Math.Max(1, parse.GetValue(concurrency)))
            {
                BlobRetries = registryOptions.RetryCount,
            };
            await BundlePuller.PullAsync(new ImageStores(client), request, writer.Line, cancellationToken).ConfigureAwait(false);
            writer.Line("");
            writer.Line("Succeeded");
            return HullApp.Success;
        });
        return command;
    }
}
