using System.Security.Cryptography;

namespace Hull.Oci.Signatures;

/// <summary>
/// An ECDSA P-256 private key: PKCS#8 PEM (<c>PRIVATE KEY</c>), PKCS#8 encrypted with a passphrase
/// (<c>ENCRYPTED PRIVATE KEY</c>, the passphrase from <see cref="PassphraseVariable"/>) or SEC1 (<c>EC PRIVATE KEY</c>).
/// Signs with SHA-256 and ASN.1 DER signatures as cosign does. Its text is never printed.
/// </summary>
public sealed class SigningKey : IDisposable
{
    /// <summary>The environment variable holding the private key's passphrase, as cosign reads it.</summary>
    public const string PassphraseVariable = "COSIGN_PASSWORD";

    /// <summary>PBKDF2 iterations for keys Hull encrypts (AES-256-CBC, HMAC-SHA256), OWASP's 2023 figure for PBKDF2-SHA256.</summary>
    public const int EncryptionIterations = 600_000;

    private readonly ECDsa _key;

    private SigningKey(ECDsa key, string source)
    {
        _key = key;
        Source = source;
        PublicKey = VerificationKey.FromPublicHalf(key, source);
    }

    /// <summary>Where the key came from (a file path), for messages.</summary>
    public string Source { get; }

    /// <summary>The public half.</summary>
    public VerificationKey PublicKey { get; }

    /// <summary>A new random P-256 key.</summary>
    public static SigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), "(generated)");

    /// <summary>
    /// Reads a private key from PEM text. An encrypted key needs <paramref name="passphrase"/>; a wrong one fails with
    /// a <see cref="SigningException"/> that names <paramref name="source"/> (never the passphrase).
    /// </summary>
    public static SigningKey FromPem(string pem, string source, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var (label, der) = KeyPem.Read(pem, source);
        return new SigningKey(KeyPem.Import(source, "private key", key =>
        {
            switch (label)
            {
                case KeyPem.PrivateKeyLabel:
                    KeyPem.RequireEcdsa(der, privateKeyInfo: true, source);
                    key.ImportPkcs8PrivateKey(der, out _);
                    break;
                case KeyPem.EcPrivateKeyLabel:
                    key.ImportECPrivateKey(der, out _);
                    break;
                case KeyPem.EncryptedPrivateKeyLabel:
                    ImportEncrypted(key, der, source, passphrase);
                    break;
                case KeyPem.PublicKeyLabel:
                    throw new SigningException($"{source}: is a public key; signing needs the private key (NAME.key)");
                case "RSA PRIVATE KEY":
                    throw KeyPem.WrongType(source, "private key", "RSA");
                case "ENCRYPTED SIGSTORE PRIVATE KEY" or "ENCRYPTED COSIGN PRIVATE KEY":
                    throw new SigningException($"{source}: cosign's own encrypted key format (scrypt and secretbox) is not read by Hull; "
                        + "use a PKCS#8 key (`hull key generate`, or `openssl pkcs8 -topk8` of a P-256 key)");
                default:
                    throw new SigningException($"{source}: PEM block \"{label}\" is not a private key (expected \"PRIVATE KEY\" or \"ENCRYPTED PRIVATE KEY\")");
            }
        }), source);
    }

    private static void ImportEncrypted(ECDsa key, byte[] der, string source, string? passphrase)
    {
        if (string.IsNullOrEmpty(passphrase))
            throw new SigningException($"{source}: the private key is encrypted; set {PassphraseVariable} to its passphrase");
        try
        {
            key.ImportEncryptedPkcs8PrivateKey(passphrase, der, out _);
        }
        catch (CryptographicException e)
        {
            // A right passphrase over a key of another kind decrypts but does not import as ECDSA: say which kind.
            if (TryNameOtherKind(der, passphrase) is { } other)
                throw KeyPem.WrongType(source, "private key", other);
            throw new SigningException($"{source}: cannot decrypt the private key: wrong passphrase in {PassphraseVariable}, or a damaged key", e);
        }
    }

    private static string? TryNameOtherKind(byte[] der, string passphrase)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportEncryptedPkcs8PrivateKey(passphrase, der, out _);
            return "RSA";
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Reads a private key file; <paramref name="passphrase"/> is used when it is encrypted.</summary>
    public static SigningKey FromFile(string path, string? passphrase) =>
        FromPem(KeyFileText.Read(path, "private key"), path, passphrase);

    /// <summary>
    /// The key as PKCS#8 PEM with a final newline: encrypted (AES-256-CBC, PBKDF2-SHA256, <see cref="EncryptionIterations"/>)
    /// when <paramref name="passphrase"/> is not empty.
    /// </summary>
    public string ExportPem(string? passphrase)
    {
        if (string.IsNullOrEmpty(passphrase))
            return _key.ExportPkcs8PrivateKeyPem() + "\n";
        var parameters = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, EncryptionIterations);
        return _key.ExportEncryptedPkcs8PrivateKeyPem(passphrase, parameters) + "\n";
    }

    /// <summary>The ASN.1 DER ECDSA signature of SHA-256 over <paramref name="data"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) =>
        _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>The key's source and its public fingerprint (never key material).</summary>
    public override string ToString() => $"private key {Source} ({PublicKey.Fingerprint})";

    /// <inheritdoc />
    public void Dispose()
    {
        _key.Dispose();
        PublicKey.Dispose();
    }
}
