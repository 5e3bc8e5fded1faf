using Hull.Oci.Storage;
using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Bundles.Operations;
using Hull.Oci.Registry;

namespace Hull.Cli.Commands;

/// <summary>`hull bundle tag list|resolve`: imgpkg tag.</summary>
public static class BundleTagCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var tag = new Command("tag", "List tags of a repository, or resolve a tag to a digest");
        tag.Subcommands.Add(List());
        tag.Subcommands.Add(Resolve());
        return tag;
    }

    private static Command List()
    {
        var image = new Option<string>("--image", "-i") { Description = "Set image location (format: docker.io/user/repo or oci:PATH)", Required = true };
        var digests = new Option<bool>("--digests") { Description = "Include digests" };
        var registry = new RegistryFlags();
        var command = new Command("list", "List tags for an image repository");
        command.Aliases.Add("ls");
        command.Options.Add(image);
        command.Options.Add(digests);
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = new BundleOutput(parse.InvocationConfiguration.Output);
            using var client = new RegistryClient(registry.Read(parse));
            bool withDigests = parse.GetValue(digests);
            var tags = await TagLister.ListAsync(new ImageStores(client), Locations.Parse(parse.GetValue(image)!, "--image"), withDigests, cancellationToken).ConfigureAwait(false);
            output.Line("");
            output.Line("Tags");
            output.Line("");
            int width = Math.Max(4, tags.Count == 0 ? 0 : tags.Max(t => t.Tag.Length));
            output.Line(withDigests ? "Name".PadRight(width + 2) + "Digest" : "Name");
            foreach (var (name, digest) in tags)
            {
                output.Line(withDigests ? name.PadRight(width + 2) + digest : name);
            }
            output.Line("");
            output.Line($"{tags.Count} tags");
            output.Line("");
            output.Line("Succeeded");
            return HullApp.Success;
        });
        return command;
    }

    private static Command Resolve()
    {
        var image = new Option<string>("--image", "-i") { Description = "Set image location (format: docker.io/user/repo:tag or oci:PATH:TAG)", Required = true };
        var registry = new RegistryFlags();
        var command = new Command("resolve", "Resolve a tag to its digest reference");
        command.Options.Add(image);
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = new RegistryClient(registry.Read(parse));
            string reference = await TagLister.ResolveAsync(new ImageStores(client), Locations.Parse(parse.GetValue(image)!, "--image"), cancellationToken).ConfigureAwait(false);
            parse.InvocationConfiguration.Output.WriteLine(reference);
            return HullApp.Success;
        });
        return command;
    }
}
