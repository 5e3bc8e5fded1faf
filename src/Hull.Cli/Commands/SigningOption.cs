using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Oci.References;
using Hull.Oci.Signatures;
using Hull.Oci.Storage;

namespace Hull.Cli.Commands;

/// <summary>`--sign KEY`: sign what a release pushed with a private key, in cosign's format (docs/signing.md).</summary>
public sealed class SigningOption
{
    private readonly Option<string?> _sign = new("--sign")
    {
        Description = $"Sign the pushed bundle with this private key (PEM; an encrypted key's passphrase comes from {SigningKey.PassphraseVariable})",
    };

    /// <summary>Adds the flag to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => command.Options.Add(_sign);

    /// <summary>The key named by <c>--sign</c>, read (and decrypted) before anything is pushed; null without the flag.</summary>
    public SigningKey? Load(ParseResult parse) =>
        parse.GetValue(_sign) is string path
            ? SigningKey.FromFile(path, Environment.GetEnvironmentVariable(SigningKey.PassphraseVariable))
            : null;

    /// <summary>Signs the image at <paramref name="digestReference"/> (<c>REPO@sha256:…</c>) in its own store.</summary>
    public static async Task SignAsync(IImageStores stores, string digestReference, SigningKey key, TextWriter log, CancellationToken cancellationToken)
    {
        var location = Locations.Parse(digestReference, "signing");
        var digest = location.Digest ?? throw new ArgumentException($"'{digestReference}' names no digest", nameof(digestReference));
        var result = await ImageSigner.SignAsync(stores.OpenStore(location), location.Repository, digest, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        log.WriteLine(result.Added
            ? $"Signed '{digestReference}' with {key.Source} ({key.PublicKey.ShortFingerprint}): {location.Repository}:{result.Tag}"
            : $"Already signed '{digestReference}' with {key.Source} ({key.PublicKey.ShortFingerprint})");
    }
}
