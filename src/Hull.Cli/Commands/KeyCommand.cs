using System.CommandLine;
using Hull.Oci.Signatures;

namespace Hull.Cli.Commands;

/// <summary>`hull key generate NAME`: a signing key pair for `--sign` and `--key` (docs/signing.md).</summary>
public static class KeyCommand
{
    /// <summary>Builds the `key` command tree.</summary>
    public static Command Create()
    {
        var key = new Command("key", "Signing keys (ECDSA P-256 in PEM, as cosign reads them)");
        key.Subcommands.Add(Generate());
        return key;
    }

    private static Command Generate()
    {
        var name = new Argument<string>("NAME") { Description = "Write NAME.key (private, 0600) and NAME.pub (public)" };
        var command = new Command("generate", $"Generate a key pair; the private key is encrypted with {SigningKey.PassphraseVariable} when it is set") { name };
        command.SetAction(parse =>
        {
            string? passphrase = Environment.GetEnvironmentVariable(SigningKey.PassphraseVariable);
            using var generated = SigningKey.Generate();
            var (privatePath, publicPath) = KeyPairFiles.Write(parse.GetValue(name)!, generated, passphrase);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(string.IsNullOrEmpty(passphrase)
                ? $"Private key written to {privatePath} (not encrypted: set {SigningKey.PassphraseVariable} to encrypt it)"
                : $"Private key written to {privatePath} (encrypted with {SigningKey.PassphraseVariable})");
            output.WriteLine($"Public key written to {publicPath}");
            output.WriteLine($"Fingerprint: {generated.PublicKey.Fingerprint}");
            return HullApp.Success;
        });
        return command;
    }
}
