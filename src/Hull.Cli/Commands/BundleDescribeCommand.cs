using Hull.Oci.Storage;
using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Bundles.Operations;
using Hull.Oci.Registry;

namespace Hull.Cli.Commands;

/// <summary>`hull bundle describe`: imgpkg describe (text output).</summary>
public static class BundleDescribeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var bundle = new Option<string>("--bundle", "-b") { Description = "Set bundle location (format: docker.io/user/repo:tag or oci:PATH:TAG)", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrency", DefaultValueFactory = _ => 5 }.Positive();
        var registry = new RegistryFlags();
        var command = new Command("describe", "Describe the images and bundles associated with a given bundle");
        command.Options.Add(bundle);
        command.Options.Add(concurrency);
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = new BundleOutput(parse.InvocationConfiguration.Output);
            using var client = new RegistryClient(registry.Read(parse));
            var lines = await BundleDescriber.DescribeAsync(new ImageStores(client), Locations.Parse(parse.GetValue(bundle)!, "--bundle"), Math.Max(1, parse.GetValue(concurrency)), cancellationToken).ConfigureAwait(false);
            foreach (string line in lines)
            {
                output.Line(line);
            }
            output.Line("");
            output.Line("Succeeded");
            return HullApp.Success;
        });
        return command;
    }
}
