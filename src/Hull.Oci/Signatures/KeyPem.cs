using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Hull.Oci.Signatures;

/// <summary>
/// Reads the one PEM block of a key file and names the algorithm of a DER key, so a key of the wrong kind is refused
/// with what it is. Messages never quote the key's text.
/// </summary>
internal static class KeyPem
{
    /// <summary>Key files larger than this are refused before parsing (a P-256 key is a few hundred bytes).</summary>
    public const int MaxBytes = 64 * 1024;

    public const string PrivateKeyLabel = "PRIVATE KEY";
    public const string EncryptedPrivateKeyLabel = "ENCRYPTED PRIVATE KEY";
    public const string EcPrivateKeyLabel = "EC PRIVATE KEY";
    public const string PublicKeyLabel = "PUBLIC KEY";

    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    public const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The label and DER bytes of the first PEM block of <paramref name="text"/>.</summary>
    public static (string Label, byte[] Der) Read(string text, string source)
    {
        if (text.Length > MaxBytes)
            throw new SigningException($"{source}: {text.Length} characters is too large for a key file (at most {MaxBytes})");
        if (!PemEncoding.TryFind(text, out var fields))
            throw new SigningException($"{source}: not a PEM key file (no -----BEGIN …----- block)");
        string label = text[fields.Label].ToString();
        byte[] der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(text[fields.Base64Data], der, out int written))
            throw new SigningException($"{source}: the PEM block \"{label}\" is not valid base64");
        return (label, der[..written]);
    }

    /// <summary>
    /// What algorithm a PKCS#8 PrivateKeyInfo or SubjectPublicKeyInfo names (e.g. "RSA", "ECDSA P-384"), or null when
    /// the DER is not one of those structures.
    /// </summary>
    public static string? AlgorithmOf(ReadOnlySpan<byte> der, bool privateKeyInfo)
    {
        try
        {
            var outer = new AsnReader(der.ToArray(), AsnEncodingRules.DER).ReadSequence();
            if (privateKeyInfo)
                outer.ReadInteger();
            var algorithm = outer.ReadSequence();
            string oid = algorithm.ReadObjectIdentifier();
            string? parameter = algorithm.HasData && algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier)
                ? algorithm.ReadObjectIdentifier() : null;
            return oid switch
            {
                EcPublicKeyOid => "ECDSA " + CurveName(parameter),
                "1.2.840.113549.1.1.1" or "1.2.840.113549.1.1.10" => "RSA",
                "1.3.101.112" => "Ed25519",
                "1.3.101.113" => "Ed448",
                "1.2.840.10040.4.1" => "DSA",
                _ => "algorithm " + oid,
            };
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>The curve of a SEC1 EC private key (<c>EC PRIVATE KEY</c>), or null when it names none.</summary>
    public static string? Sec1CurveOf(ReadOnlySpan<byte> der)
    {
        try
        {
            var key = new AsnReader(der.ToArray(), AsnEncodingRules.DER).ReadSequence();
            key.ReadInteger();
            key.ReadOctetString();
            while (key.HasData)
            {
                var tag = key.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 0)
                    return CurveName(key.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)).ReadObjectIdentifier());
                key.ReadEncodedValue();
            }
            return null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    public static string CurveName(string? oid) => oid switch
    {
        P256Oid => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        "1.3.132.0.10" => "secp256k1",
        null => "(no named curve)",
        _ => "curve " + oid,
    };

    /// <summary>Throws unless <paramref name="key"/> is on P-256 (the only curve cosign's default keys use).</summary>
    public static void RequireP256(ECDsa key, string source, string kind)
    {
        var curve = key.ExportParameters(false).Curve;
        string? oid = curve.Oid?.Value;
        if (oid is null && curve.Oid?.FriendlyName is "nistP256" or "ECDSA_P256" or "secP256r1")
            oid = P256Oid;
        if (oid != P256Oid)
            throw WrongType(source, kind, "ECDSA " + CurveName(oid));
    }

    /// <summary>Throws unless the PKCS#8 or SubjectPublicKeyInfo DER names an ECDSA key (so others are refused by name).</summary>
    public static void RequireEcdsa(ReadOnlySpan<byte> der, bool privateKeyInfo, string source)
    {
        string kind = privateKeyInfo ? "private key" : "public key";
        string? algorithm = AlgorithmOf(der, privateKeyInfo)
            ?? throw new SigningException(privateKeyInfo
                ? $"{source}: the PRIVATE KEY block is not a DER PKCS#8 PrivateKeyInfo"
                : $"{source}: the PUBLIC KEY block is not a DER SubjectPublicKeyInfo");
        if (!algorithm.StartsWith("ECDSA ", StringComparison.Ordinal))
            throw WrongType(source, kind, algorithm);
    }

    /// <summary>
    /// A new ECDSA key filled by <paramref name="import"/> and checked to be on P-256; on failure it is disposed and
    /// .NET's cryptography error becomes a <see cref="SigningException"/> naming <paramref name="source"/>.
    /// </summary>
    public static ECDsa Import(string source, string kind, Action<ECDsa> import)
    {
        var key = ECDsa.Create();
        try
        {
            import(key);
            RequireP256(key, source, kind);
            return key;
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new SigningException($"{source}: the {kind} cannot be read: {e.Message}", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public static SigningException WrongType(string source, string kind, string actual) =>
        new($"{source}: the {kind} is {actual}; Hull signs and verifies with ECDSA P-256 keys only (as `hull key generate` writes)");
}
