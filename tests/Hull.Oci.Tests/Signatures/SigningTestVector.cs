namespace Hull.Oci.Tests.Signatures;

/// <summary>
/// The test vector of docs/signing.md: a P-256 key and a signature made by OpenSSL (an implementation independent of
/// .NET's) over the payload cosign writes for <see cref="Reference"/> and <see cref="ImageDigest"/>.
/// </summary>
internal static class SigningTestVector
{
    public const string PrivateKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpOa+xnojgIJSMw/j
        2OKMMXm3Mb3pg8Jz2eprqxXMZlShRANCAAQ+uOhwheh9HdSTay/Vzfo2qekHKMXt
        wczbi3qzMmT9+mVGIOybDY0Nuv6tmYfWsvW/wOW74Y4bUpdOvokkn+mJ
        -----END PRIVATE KEY-----
        """;

    /// <summary>The same key, PKCS#8-encrypted by OpenSSL (AES-256-CBC, PBKDF2-HMAC-SHA256) with <see cref="Passphrase"/>.</summary>
    public const string EncryptedPrivateKey = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAg9VNp9xERuMAICJxAw
        DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEMq06mHNmXHLuf/uQa4+GT4EgZAL
        fNINZbkqcxWOF2v5aaFZ+Glw2At6Ji3gWzvSjuns6P+6tXijxmFYKezhkTwqNutk
        UFr4X5kSEtfjAK4gwvvkwqTZ6M8VI3G+ujnbXsVrAiSuotP5ooKjPQZa4VneGrtJ
        UytPFFUOGhMRmUWVu5c11fU2fuS6JFMhPnogrFxex8icpc9ejAfyASOvEo5zVhU=
        -----END ENCRYPTED PRIVATE KEY-----
        """;

    public const string Passphrase = "correct-horse";

    public const string PublicKey = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEPrjocIXofR3Uk2sv1c36NqnpByjF
        7cHM24t6szJk/fplRiDsmw2NDbr+rZmH1rL1v8Dlu+GOG1KXTr6JJJ/piQ==
        -----END PUBLIC KEY-----
        """;

    public const string Reference = "registry.example.com/hull/packages";

    public const string ImageDigest = "sha256:7d7e3ec8dd9ccd4711991b3a9a7eabe4553db3564ef59c58373f0285c0105e70";

    public const string Payload =
        """{"critical":{"identity":{"docker-reference":"registry.example.com/hull/packages"},"image":{"docker-manifest-digest":"sha256:7d7e3ec8dd9ccd4711991b3a9a7eabe4553db3564ef59c58373f0285c0105e70"},"type":"cosign container image signature"},"optional":null}""";

    public const string Signature = "MEUCIGNwcHjjojHShXAsvA0+4h9GluoD4c39vwRGTYrhsfKYAiEAktVmS777w16TN20HQCWevshfagfRnOQ7aZKct0h6X5M=";

    public const string SignatureConfig =
        """{"architecture":"","created":"0001-01-01T00:00:00Z","history":[{"created":"0001-01-01T00:00:00Z"}],"os":"","rootfs":{"type":"layers","diff_ids":["sha256:6e32d8ff10b630a96193743f863f193f7ff4fc25e7d3371384895734e4357873"]},"config":{}}""";

    public const string SignatureManifest =
        """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":233,"digest":"sha256:e5e5b9a271d71a26276d43c2e9d2c90de8194331cfe88a4e516b7c2301aa5069"},"layers":[{"mediaType":"application/vnd.dev.cosign.simplesigning.v1+json","size":250,"digest":"sha256:6e32d8ff10b630a96193743f863f193f7ff4fc25e7d3371384895734e4357873","annotations":{"dev.cosignproject.cosign/signature":"MEUCIGNwcHjjojHShXAsvA0+4h9GluoD4c39vwRGTYrhsfKYAiEAktVmS777w16TN20HQCWevshfagfRnOQ7aZKct0h6X5M="}}]}""";

    public const string SignatureManifestDigest = "sha256:4d8b78974f17de94c1dd75328098cc28e522a76d61db9480c512c99eb3a1a8ec";
}
