using System.Text;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Signatures;

namespace Hull.Oci.Tests.Signatures;

/// <summary>The format of docs/signing.md, byte for byte against its test vector.</summary>
public sealed class SigningFormatTests
{
    private static readonly Digest ImageDigest = Digest.Parse(SigningTestVector.ImageDigest);

    [Fact]
    public void PayloadBytesAreCosigns()
    {
        byte[] payload = SimpleSigningPayload.Create(SigningTestVector.Reference, ImageDigest);
        Assert.Equal(SigningTestVector.Payload, Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public void OptionalAnnotationsAreSortedAndEscapedAsGoDoes()
    {
        byte[] payload = SimpleSigningPayload.Create("r.example/x", ImageDigest,
            new Dictionary<string, string> { ["z"] = "1", ["a<&>"] = "é\n\"\u2028" });
        Assert.EndsWith("""
            "optional":{"a\u003c\u0026\u003e":"é\n\"\u2028","z":"1"}}
            """, Encoding.UTF8.GetString(payload));
        var parsed = SimpleSigningPayload.Parse(payload);
        Assert.Equal("é\n\"\u2028", parsed.Optional!["a<&>"]);
    }

    [Fact]
    public void VectorSignatureVerifiesWithVectorKey()
    {
        using var key = VerificationKey.FromPem(SigningTestVector.PublicKey, "vector.pub");
        byte[] payload = Encoding.UTF8.GetBytes(SigningTestVector.Payload);
        Assert.True(key.Verify(payload, Convert.FromBase64String(SigningTestVector.Signature)));
        payload[^2] ^= 1;
        Assert.False(key.Verify(payload, Convert.FromBase64String(SigningTestVector.Signature)));
    }

    [Fact]
    public void OurSignaturesVerifyAndPrivateKeyMatchesPublicKey()
    {
        using var key = SigningKey.FromPem(SigningTestVector.PrivateKey, "vector.key", passphrase: null);
        using var pub = VerificationKey.FromPem(SigningTestVector.PublicKey, "vector.pub");
        Assert.Equal(pub.Fingerprint, key.PublicKey.Fingerprint);
        byte[] payload = Encoding.UTF8.GetBytes(SigningTestVector.Payload);
        Assert.True(pub.Verify(payload, key.Sign(payload)));
    }

    [Fact]
    public void SignatureImageBytesAreCosigns()
    {
        byte[] payload = Encoding.UTF8.GetBytes(SigningTestVector.Payload);
        var (manifest, config) = SignatureImage.Build([SignatureImage.Layer(payload, SigningTestVector.Signature)]);
        Assert.Equal(SigningTestVector.SignatureConfig, Encoding.UTF8.GetString(config));
        Assert.Equal(SigningTestVector.SignatureManifest, Encoding.UTF8.GetString(manifest.Bytes.Span));
        Assert.Equal(SigningTestVector.SignatureManifestDigest, manifest.Digest.ToString());
    }

    [Fact]
    public void ConfigHasTheSizeOfARealCosignSignatureConfig()
    {
        // sigstore/cosign issue 3657 shows a real cosign 2.1.1 config of 245 bytes for one layer, its "created" being
        // "2024-04-08T18:08:39.635084+02:00" (32 characters) where later versions write the 20-character zero time.
        var layer = Descriptor.For(SimpleSigningPayload.MediaType, "x"u8);
        Assert.Equal(245 - 32 + 20, SignatureImage.Config([layer]).Length);
    }

    [Fact]
    public void TagsFollowTheDigest()
    {
        Assert.Equal("sha256-7d7e3ec8dd9ccd4711991b3a9a7eabe4553db3564ef59c58373f0285c0105e70.sig", SignatureTags.Signature(ImageDigest));
        Assert.Equal("sha256-7d7e3ec8dd9ccd4711991b3a9a7eabe4553db3564ef59c58373f0285c0105e70.att", SignatureTags.Attestation(ImageDigest));
        Assert.Equal("sha256-7d7e3ec8dd9ccd4711991b3a9a7eabe4553db3564ef59c58373f0285c0105e70.sbom", SignatureTags.Sbom(ImageDigest));
        Assert.Equal(ImageDigest, SignatureTags.DigestOf(SignatureTags.Sbom(ImageDigest)));
        Assert.False(SignatureTags.IsAttachmentTag("v1.sig"));
        Assert.False(SignatureTags.IsAttachmentTag("sha256-abc.sig"));
        Assert.False(SignatureTags.IsAttachmentTag("1.0.0"));
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("""{"critical":{}}""", "critical.identity is missing")]
    [InlineData("""{"critical":{"identity":{},"image":{},"type":"t"}}""", "docker-manifest-digest is missing")]
    [InlineData("""{"critical":{"identity":{},"image":{"docker-manifest-digest":1},"type":"t"}}""", "not a string")]
    [InlineData("""{"critical":{"identity":{},"image":{"docker-manifest-digest":"a","Docker-manifest-digest":"b"},"type":"t"}}""", "more than once")]
    public void MalformedPayloadsAreRefusedSayingWhy(string json, string expected)
    {
        var e = Assert.Throws<SigningException>(() => SimpleSigningPayload.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void PayloadKeysMatchCaseInsensitivelyAsGoDoes()
    {
        var parsed = SimpleSigningPayload.Parse("""{"Critical":{"Identity":{"docker-reference":""},"Image":{"Docker-manifest-digest":"sha256:1"},"Type":"x"},"Optional":null}"""u8);
        Assert.Equal("sha256:1", parsed.ManifestDigest);
        Assert.Null(parsed.Optional);
    }
}
