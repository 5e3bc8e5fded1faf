using Hull.Oci.Storage;
using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Locks;
using Hull.Bundles.Operations;
using Hull.Oci.Registry;

namespace Hull.Cli.Commands;

/// <summary>`hull bundle push`: imgpkg push.</summary>
public static class BundlePushCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var bundle = new Option<string?>("--bundle", "-b") { Description = "Set bundle location (format: docker.io/user/repo:tag or oci:PATH:TAG)" };
        var image = new Option<string?>("--image", "-i") { Description = "Set image location (format: docker.io/user/repo:tag or oci:PATH:TAG)" };
        var files = new Option<string[]>("--file", "-f") { Description = "Set file (format: /tmp/foo) (can be specified multiple times)" };
        var exclusions = new Option<string[]>("--file-exclusion") { Description = "Exclude file whose path, relative to the bundle root, matches (format: bar.yaml, nested-dir/baz.txt) (can be specified multiple times)", DefaultValueFactory = _ => [".git"] };
        var lockOutput = new Option<string?>("--lock-output") { Description = "Location to output the generated lockfile. Option only available when using --bundle or -b flag" };
        var labels = new Option<string[]>("--labels", "-l") { Description = "Set labels on image (format: KEY=VALUE) (can be specified multiple times)" };
        var preserve = new Option<bool>("--preserve-permissions") { Description = "Preserve group and other permissions of files (by default only the owner's bits are kept)" };
        var registry = new RegistryFlags();

        var command = new Command("push", "Push files as a bundle or image");
        foreach (Option option in new Option[] { bundle, image, files, exclusions, lockOutput, labels, preserve })
        {
            command.Options.Add(option);
        }
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? b = parse.GetValue(bundle), i = parse.GetValue(image);
            BundleCommand.ExactlyOne("push", ("--bundle (-b)", b is not null), ("--image (-i)", i is not null));
            var paths = BundleCommand.Split(parse.GetValue(files));
            if (paths.Count == 0)
            {
                throw new BundleUsageException("push: expected at least one --file (-f)");
            }
            string? lockPath = parse.GetValue(lockOutput);
            if (lockPath is not null && b is null)
            {
                throw new BundleUsageException("push: --lock-output is only available with --bundle (-b)");
            }
            var labelMap = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string label in BundleCommand.Split(parse.GetValue(labels)))
            {
                int eq = label.IndexOf('=');
                if (eq <= 0)
                {
                    throw new BundleUsageException($"push: expected label '{label}' to be in format KEY=VALUE");
                }
                labelMap[label[..eq]] = label[(eq + 1)..];
            }

            var output = new BundleOutput(parse.InvocationConfiguration.Output);
            using var client = new RegistryClient(registry.Read(parse));
            var stores = new ImageStores(client);
            var request = new PushRequest(
                Locations.Parse(b ?? i!, b is not null ? "--bundle" : "--image"),
                new LayerOptions(paths, BundleCommand.Split(parse.GetValue(exclusions)), parse.GetValue(preserve)),
                Bundle: b is not null,
                labelMap);
            var result = await BundlePusher.PushAsync(stores, request, output.Line, cancellationToken).ConfigureAwait(false);
            if (lockPath is not null)
            {
                await LockFiles.WriteAsync(lockPath, LockYaml.Emit(new BundleLock(result.DigestReference, result.Tag)), cancellationToken).ConfigureAwait(false);
            }
            output.Line($"Pushed '{result.DigestReference}'");
            output.Line("Succeeded");
            return HullApp.Success;
        });
        return command;
    }
}

/// <summary>Writes lock files the safe way: to a temporary sibling, then renamed into place.</summary>
internal static class LockFiles
{
    public static async Task WriteAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(path);
        string temp = full + $".hull-{Guid.NewGuid():N}";
        await File.WriteAllBytesAsync(temp, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(temp, full, overwrite: true);
    }
}
