using System.Text;
using Hull.Oci.Layout;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;
using Hull.Oci.Signatures;
using Hull.Oci.Storage;

namespace Hull.Oci.Tests.Signatures;

/// <summary>
/// Signing and verifying in real stores (OCI layouts and the test registry), and each tampering refused with its
/// reason: unsigned, untrusted key, signature moved from another image, new content under a released tag, malformed
/// layers, a <c>.sig</c> image with thousands of layers.
/// </summary>
public sealed class SignatureStoreTests : IDisposable
{
    private readonly SigningKey _key = SigningKey.Generate();
    private readonly SigningKey _otherKey = SigningKey.Generate();
    private readonly TempDirectory _temp = TestImages.TempDir();

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
        _temp.Dispose();
    }

    private OciLayout NewLayout() => OciLayout.OpenOrCreate(_temp.Sub(Guid.NewGuid().ToString("N")));

    private static Task<SignatureVerification> VerifyAsync(IImageSource store, Digest digest, params SigningKey[] keys) =>
        SignatureVerifier.VerifyAsync(store, digest, keys.Select(k => k.PublicKey).ToList());

    [Fact]
    public async Task SignsAndVerifiesInALayout() => await SignsAndVerifies(NewLayout());

    [Fact]
    public async Task SignsAndVerifiesOnTheRegistry()
    {
        using var client = new RegistryClient();
        await SignsAndVerifies(client.Repository(TestRegistry.UniqueReference("signed")));
    }

    private async Task SignsAndVerifies(IImageStore store)
    {
        var image = await TestImages.PushImageAsync(store, "signed", 1, 64, "v1");
        Assert.Equal(SignatureStatus.Unsigned, (await VerifyAsync(store, image.Digest, _key)).Status);

        var first = await ImageSigner.SignAsync(store, "example/signed", image.Digest, _key);
        Assert.True(first.Added);
        var verdict = await VerifyAsync(store, image.Digest, _otherKey, _key);
        Assert.True(verdict.IsVerified, verdict.Message);
        Assert.Equal(_key.PublicKey.Fingerprint, verdict.Key!.Fingerprint);

        var again = await ImageSigner.SignAsync(store, "example/signed", image.Digest, _key);
        Assert.False(again.Added);
        Assert.Equal(first.SignatureManifest.Digest, again.SignatureManifest.Digest);

        var verdictOther = await VerifyAsync(store, image.Digest, _otherKey);
        Assert.Equal(SignatureStatus.UntrustedKey, verdictOther.Status);
        Assert.Contains("signed by an untrusted key", verdictOther.Message);

        await ImageSigner.SignAsync(store, "example/signed", image.Digest, _otherKey);
        var signatures = await SignatureReader.ListAsync(store, image.Digest);
        Assert.Equal(2, signatures.Count);
        Assert.All(signatures, s => Assert.Null(s.Problem));
        Assert.Equal(image.Digest.ToString(), signatures[1].Payload!.ManifestDigest);
        Assert.True((await VerifyAsync(store, image.Digest, _otherKey)).IsVerified);

        // New content pushed under the released tag: its digest has no signature.
        var replaced = await TestImages.PushImageAsync(store, "replaced", 1, 64, "v1");
        var tampered = await VerifyAsync(store, replaced.Digest, _key);
        Assert.Equal(SignatureStatus.Unsigned, tampered.Status);
        Assert.Contains($"unsigned: there is no signature image sha256-{replaced.Digest.Hex}.sig", tampered.Message);
    }

    [Fact]
    public async Task ASignedLayoutWithOneImageIsStillNamedByItsPath()
    {
        var layout = NewLayout();
        var image = await TestImages.PushImageAsync(layout, "signed", 1, 64, "v1");
        await ImageSigner.SignAsync(layout, "example/signed", image.Digest, _key);

        // oci:PATH without a tag: the .sig image beside the one image does not make it ambiguous.
        Assert.Equal(image.Digest, (await layout.ResolveAsync(null)).Digest);
        await TestImages.PushImageAsync(layout, "second", 1, 64, "v2");
        var error = await Assert.ThrowsAsync<OciException>(() => layout.ResolveAsync(null));
        Assert.Contains("the layout holds 2 images; name one with oci:PATH:TAG", error.Message);
    }

    [Fact]
    public async Task SignatureMovedFromAnotherImageIsPayloadForAnotherDigest()
    {
        var layout = NewLayout();
        var signed = await TestImages.PushImageAsync(layout, "a", 1, 64, "a");
        var unsigned = await TestImages.PushImageAsync(layout, "b", 1, 64, "b");
        var result = await ImageSigner.SignAsync(layout, "example/a", signed.Digest, _key);
        await layout.PutManifestAsync(result.SignatureManifest, SignatureTags.Signature(unsigned.Digest));

        var verdict = await VerifyAsync(layout, unsigned.Digest, _key);
        Assert.Equal(SignatureStatus.OtherDigest, verdict.Status);
        Assert.Contains($"payload for another digest: signature layer 0 (sha256:", verdict.Reason);
        Assert.Contains($"the payload names {signed.Digest}", verdict.Reason);
    }

    [Fact]
    public async Task RequiredRepositoryIsCheckedOnlyWhenAsked()
    {
        var layout = NewLayout();
        var image = await TestImages.PushImageAsync(layout, "a", 1, 64, "a");
        await ImageSigner.SignAsync(layout, "example/a", image.Digest, _key);
        var keys = new[] { _key.PublicKey };
        Assert.True((await SignatureVerifier.VerifyAsync(layout, image.Digest, keys)).IsVerified);
        Assert.True((await SignatureVerifier.VerifyAsync(layout, image.Digest, keys, "example/a")).IsVerified);
        var verdict = await SignatureVerifier.VerifyAsync(layout, image.Digest, keys, "example/b");
        Assert.Equal(SignatureStatus.OtherRepository, verdict.Status);
        Assert.Contains("for repository example/a, not example/b", verdict.Reason);
    }

    [Theory]
    [InlineData("not base64!", "{}", "is not valid base64")]
    [InlineData("", "{}", "is not valid base64")]
    [InlineData("MEUCIQ==", "not json at all", "payload is not JSON")]
    [InlineData(null, "{}", "no dev.cosignproject.cosign/signature annotation")]
    public async Task MalformedLayersAreRefusedSayingWhy(string? annotation, string payload, string expected)
    {
        var layout = NewLayout();
        var image = await TestImages.PushImageAsync(layout, "a", 1, 64, "a");
        byte[] bytes = Encoding.UTF8.GetBytes(payload);
        var layer = Descriptor.For(SimpleSigningPayload.MediaType, bytes) with
        {
            Annotations = annotation is null ? null : new Dictionary<string, string> { [SignatureImage.SignatureAnnotation] = annotation },
        };
        await PushSignatureImage(layout, image.Digest, [layer], bytes);

        var verdict = await VerifyAsync(layout, image.Digest, _key);
        Assert.Equal(SignatureStatus.Malformed, verdict.Status);
        Assert.Contains("malformed signature: signature layer 0", verdict.Reason);
        Assert.Contains(expected, verdict.Reason);
    }

    [Fact]
    public async Task ValidSignatureBesideMalformedOnesStillVerifies()
    {
        var layout = NewLayout();
        var image = await TestImages.PushImageAsync(layout, "a", 1, 64, "a");
        byte[] junk = "junk"u8.ToArray();
        await PushSignatureImage(layout, image.Digest, [Descriptor.For("text/plain", junk)], junk);
        await ImageSigner.SignAsync(layout, "example/a", image.Digest, _key);
        var verdict = await VerifyAsync(layout, image.Digest, _key);
        Assert.True(verdict.IsVerified, verdict.Message);
        Assert.Equal(2, verdict.Checks.Count);
        Assert.Contains("is not a simple signing payload", verdict.Checks[0].Reason);
    }

    [Fact]
    public async Task ThousandsOfSignatureLayersAreRefusedWithoutReadingThem()
    {
        var layout = NewLayout();
        var image = await TestImages.PushImageAsync(layout, "a", 1, 64, "a");
        // Layers whose blobs do not exist: reading any of them would fail differently.
        var layers = Enumerable.Range(0, 5000)
            .Select(i => Descriptor.For(SimpleSigningPayload.MediaType, Encoding.UTF8.GetBytes($"p{i}")))
            .ToList();
        await PushSignatureImage(layout, image.Digest, layers, null);

        var verdict = await VerifyAsync(layout, image.Digest, _key);
        Assert.Equal(SignatureStatus.Malformed, verdict.Status);
        Assert.Contains("has 5000 layers; Hull reads at most 100 signatures per image", verdict.Reason);
        await Assert.ThrowsAsync<SigningException>(() => ImageSigner.SignAsync(layout, "x", image.Digest, _key));
        await Assert.ThrowsAsync<SigningException>(() => SignatureReader.ListAsync(layout, image.Digest));
    }

    [Fact]
    public async Task TamperedPayloadBlobIsRefused()
    {
        var layout = NewLayout();
        var image = await TestImages.PushImageAsync(layout, "a", 1, 64, "a");
        var result = await ImageSigner.SignAsync(layout, "example/a", image.Digest, _key);
        var layer = result.SignatureManifest.AsImage().Layers[0];
        await File.WriteAllTextAsync(layout.BlobPath(layer.Digest), "{}");
        var verdict = await VerifyAsync(layout, image.Digest, _key);
        Assert.Equal(SignatureStatus.Malformed, verdict.Status);
        Assert.Contains("payload cannot be read", verdict.Reason);
    }

    private static async Task PushSignatureImage(IImageStore store, Digest digest, List<Descriptor> layers, byte[]? blob)
    {
        if (blob is not null)
            await store.PutBlobAsync(layers[0].MediaType, blob);
        var (manifest, config) = SignatureImage.Build(layers);
        await store.PutBlobAsync(MediaTypes.OciConfig, config);
        await store.PutManifestAsync(manifest, SignatureTags.Signature(digest));
    }
}
