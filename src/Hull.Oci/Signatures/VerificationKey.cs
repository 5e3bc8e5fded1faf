using System.Security.Cryptography;

namespace Hull.Oci.Signatures;

/// <summary>
/// An ECDSA P-256 public key in SubjectPublicKeyInfo PEM (<c>-----BEGIN PUBLIC KEY-----</c>), as cosign's
/// <c>--key cosign.pub</c> reads it. Verifies ASN.1 DER signatures over SHA-256.
/// </summary>
public sealed class VerificationKey : IDisposable
{
    private readonly ECDsa _key;

    private VerificationKey(ECDsa key, string source)
    {
        _key = key;
        Source = source;
        byte[] spki = key.ExportSubjectPublicKeyInfo();
        Fingerprint = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(spki));
    }

    /// <summary>Where the key came from (a file path), for messages.</summary>
    public string Source { get; }

    /// <summary><c>sha256:</c> and the hex SHA-256 of the key's DER SubjectPublicKeyInfo: the key's name in Hull's output.</summary>
    public string Fingerprint { get; }

    /// <summary>The first 16 hex digits of <see cref="Fingerprint"/>, for tables.</summary>
    public string ShortFingerprint => Fingerprint["sha256:".Length..][..16];

    /// <summary>Reads a public key from PEM text; <paramref name="source"/> names it in errors.</summary>
    public static VerificationKey FromPem(string pem, string source)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var (label, der) = KeyPem.Read(pem, source);
        switch (label)
        {
            case KeyPem.PublicKeyLabel:
                break;
            case KeyPem.PrivateKeyLabel or KeyPem.EncryptedPrivateKeyLabel or KeyPem.EcPrivateKeyLabel
                or "RSA PRIVATE KEY" or "ENCRYPTED SIGSTORE PRIVATE KEY" or "ENCRYPTED COSIGN PRIVATE KEY":
                throw new SigningException($"{source}: is a private key (\"{label}\"); verification takes the public key (NAME.pub)");
            default:
                throw new SigningException($"{source}: PEM block \"{label}\" is not a public key (expected \"PUBLIC KEY\")");
        }
        KeyPem.RequireEcdsa(der, privateKeyInfo: false, source);
        return new VerificationKey(KeyPem.Import(source, "public key", key => key.ImportSubjectPublicKeyInfo(der, out _)), source);
    }

    /// <summary>Reads a public key file.</summary>
    public static VerificationKey FromFile(string path) => FromPem(KeyFileText.Read(path, "public key"), path);

    /// <summary>Wraps the public half of a signing key.</summary>
    internal static VerificationKey FromPublicHalf(ECDsa privateKey, string source)
    {
        var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(privateKey.ExportSubjectPublicKeyInfo(), out _);
        return new VerificationKey(key, source);
    }

    /// <summary>The key as SubjectPublicKeyInfo PEM with a final newline (what NAME.pub holds).</summary>
    public string ExportPem() => _key.ExportSubjectPublicKeyInfoPem() + "\n";

    /// <summary>True when <paramref name="signature"/> (ASN.1 DER ECDSA) is valid over SHA-256 of <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            return _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The key's source and fingerprint (never key material).</summary>
    public override string ToString() => $"{Source} ({Fingerprint})";

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
