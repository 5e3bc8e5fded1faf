using System.Security.Cryptography;
using Hull.Oci.Signatures;

namespace Hull.Oci.Tests.Signatures;

/// <summary>Key files: what is read, what is refused and how, and what is written (modes, no overwrite, no key text in messages).</summary>
public sealed class KeyTests
{
    [Fact]
    public void GeneratedKeysRoundTripPlainAndEncrypted()
    {
        using var key = SigningKey.Generate();
        using var plain = SigningKey.FromPem(key.ExportPem(null), "k", null);
        Assert.Equal(key.PublicKey.Fingerprint, plain.PublicKey.Fingerprint);
        string encrypted = key.ExportPem("pass phrase");
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", encrypted);
        using var decrypted = SigningKey.FromPem(encrypted, "k", "pass phrase");
        Assert.Equal(key.PublicKey.Fingerprint, decrypted.PublicKey.Fingerprint);
        using var pub = VerificationKey.FromPem(key.PublicKey.ExportPem(), "k.pub");
        Assert.Equal(key.PublicKey.Fingerprint, pub.Fingerprint);
        Assert.Matches("^sha256:[0-9a-f]{64}$", pub.Fingerprint);
    }

    [Fact]
    public void ReadsOpenSslEncryptedKeyWithItsPassphrase()
    {
        using var key = SigningKey.FromPem(SigningTestVector.EncryptedPrivateKey, "vector-enc.key", SigningTestVector.Passphrase);
        using var pub = VerificationKey.FromPem(SigningTestVector.PublicKey, "vector.pub");
        Assert.Equal(pub.Fingerprint, key.PublicKey.Fingerprint);
    }

    [Fact]
    public void WrongOrMissingPassphraseIsAClearErrorWithoutThePassphrase()
    {
        var wrong = Assert.Throws<SigningException>(() => SigningKey.FromPem(SigningTestVector.EncryptedPrivateKey, "enc.key", "guess-secret"));
        Assert.Contains("enc.key: cannot decrypt the private key: wrong passphrase in COSIGN_PASSWORD", wrong.Message);
        Assert.DoesNotContain("guess-secret", wrong.Message);
        var missing = Assert.Throws<SigningException>(() => SigningKey.FromPem(SigningTestVector.EncryptedPrivateKey, "enc.key", null));
        Assert.Contains("encrypted; set COSIGN_PASSWORD", missing.Message);
    }

    public static TheoryData<string, string> WrongPrivateKeys()
    {
        using var rsa = RSA.Create(2048);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        return new()
        {
            { rsa.ExportPkcs8PrivateKeyPem(), "the private key is RSA" },
            { rsa.ExportRSAPrivateKeyPem(), "the private key is RSA" },
            { p384.ExportPkcs8PrivateKeyPem(), "the private key is ECDSA P-384" },
            { p384.ExportECPrivateKeyPem(), "the private key is ECDSA P-384" },
            { p521.ExportPkcs8PrivateKeyPem(), "the private key is ECDSA P-521" },
            { rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1)), "the private key is RSA" },
            { SigningTestVector.PublicKey, "is a public key; signing needs the private key" },
            { "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n", "cosign's own encrypted key format" },
            { "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "PEM block \"CERTIFICATE\" is not a private key" },
            { "just text", "not a PEM key file" },
            { "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "not a DER PKCS#8 PrivateKeyInfo" },
            { "-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n", "not a PEM key file" },
            { new string('A', KeyPem.MaxBytes + 1), "too large for a key file" },
        };
    }

    [Theory]
    [MemberData(nameof(WrongPrivateKeys))]
    public void WrongPrivateKeysAreRefusedSayingWhat(string pem, string expected)
    {
        var e = Assert.Throws<SigningException>(() => SigningKey.FromPem(pem, "bad.key", "pw"));
        Assert.StartsWith("bad.key: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("MII", e.Message);
    }

    public static TheoryData<string, string> WrongPublicKeys()
    {
        using var rsa = RSA.Create(2048);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        return new()
        {
            { rsa.ExportSubjectPublicKeyInfoPem(), "the public key is RSA" },
            { p384.ExportSubjectPublicKeyInfoPem(), "the public key is ECDSA P-384" },
            { SigningTestVector.PrivateKey, "is a private key (\"PRIVATE KEY\"); verification takes the public key" },
            { "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "not a DER SubjectPublicKeyInfo" },
            { "", "not a PEM key file" },
        };
    }

    [Theory]
    [MemberData(nameof(WrongPublicKeys))]
    public void WrongPublicKeysAreRefusedSayingWhat(string pem, string expected)
    {
        var e = Assert.Throws<SigningException>(() => VerificationKey.FromPem(pem, "bad.pub"));
        Assert.StartsWith("bad.pub: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("MIG", e.Message);
    }

    [Fact]
    public void KeyPairFilesAreWrittenOwnerOnlyAndNeverOverwritten()
    {
        using var temp = TestImages.TempDir();
        string name = Path.Combine(temp.Sub("new-folder"), "release");
        using var key = SigningKey.Generate();
        var (privatePath, publicPath) = KeyPairFiles.Write(name, key, null);
        Assert.Equal(name + ".key", privatePath);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privatePath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(privatePath)!));
        }
        using var read = SigningKey.FromFile(privatePath, null);
        Assert.Equal(key.PublicKey.Fingerprint, VerificationKey.FromFile(publicPath).Fingerprint);

        string before = File.ReadAllText(privatePath);
        using var other = SigningKey.Generate();
        var e = Assert.Throws<SigningException>(() => KeyPairFiles.Write(name, other, null));
        Assert.Contains("release.key: already exists", e.Message);
        Assert.Equal(before, File.ReadAllText(privatePath));
        File.Delete(privatePath);
        e = Assert.Throws<SigningException>(() => KeyPairFiles.Write(name, other, null));
        Assert.Contains("release.pub: already exists", e.Message);
        Assert.False(File.Exists(privatePath));
    }

    [Fact]
    public void KeysNeverShowTheirMaterial()
    {
        using var key = SigningKey.FromPem(SigningTestVector.PrivateKey, "vector.key", null);
        string text = key + " " + key.PublicKey;
        Assert.Contains("vector.key", text);
        Assert.DoesNotContain("MIG", text);
        Assert.Throws<SigningException>(() => SigningKey.FromFile("/nonexistent/x.key", null));
    }
}
