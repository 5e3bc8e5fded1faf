using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Oci.Registry;
using Hull.Oci.Signatures;
using Hull.Oci.Storage;

namespace Hull.Cli.Commands;

/// <summary>`hull bundle verify REF --key KEY.pub`: exit 0 only when a signature by one of the keys binds REF's digest.</summary>
public static class BundleVerifyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var reference = new Argument<string>("REF") { Description = "The bundle or image: a registry reference or oci:PATH[:TAG|@DIGEST]" };
        var keys = new VerificationKeysOption("A public key (PEM) a valid signature must be made with (repeatable: any of them)");
        var registry = new RegistryFlags();
        var command = new Command("verify", "Verify that a bundle or image is signed (cosign's format) by one of the given keys") { reference };
        keys.AddTo(command, required: true);
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var trusted = keys.Load(parse);
            var location = Locations.Parse(parse.GetValue(reference)!, "REF");
            using var client = new RegistryClient(registry.Read(parse));
            var store = new ImageStores(client).OpenStore(location);
            var image = await store.ResolveAsync(location.Identifier, cancellationToken).ConfigureAwait(false);
            var verdict = await SignatureVerifier.VerifyAsync(store, image.Digest, trusted, cancellationToken: cancellationToken).ConfigureAwait(false);
            parse.InvocationConfiguration.Output.WriteLine(verdict.EnsureVerified().Message);
            return HullApp.Success;
        });
        return command;
    }
}
