using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Oci.Signatures;

/// <summary>
/// Signs an image digest in its store as <c>cosign sign --key</c> does: the simple signing payload is signed and added
/// as a layer of the <c>sha256-HEX.sig</c> image in the same repository (created, or appended to). Signing again with
/// the same key and payload changes nothing.
/// </summary>
public static class ImageSigner
{
    /// <summary>
    /// Signs <paramref name="digest"/> in <paramref name="store"/>; <paramref name="identity"/> is the payload's
    /// docker-reference (the repository, <see cref="ImageLocation.Repository"/>).
    /// </summary>
    public static async Task<SigningResult> SignAsync(IImageStore store, string identity, Digest digest, SigningKey key,
        IReadOnlyDictionary<string, string>? optional = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(key);
        string tag = SignatureTags.Signature(digest);
        byte[] payload = SimpleSigningPayload.Create(identity, digest, optional);
        var existing = await SignatureReader.ReadLayersAsync(store, digest, cancellationToken).ConfigureAwait(false) ?? [];
        var payloadDigest = Digest.Compute(payload);
        foreach (var layer in existing)
        {
            if (layer.Digest == payloadDigest && IsSignedBy(layer, payload, key.PublicKey))
                return new SigningResult(tag, await store.GetManifestAsync(tag, cancellationToken).ConfigureAwait(false), Added: false);
        }
        if (existing.Count >= SignatureImage.MaxSignatures)
            throw new SigningException($"{store.Location}:{tag}: already holds {existing.Count} signatures, the most Hull writes");

        string signature = Convert.ToBase64String(key.Sign(payload));
        var layers = new List<Descriptor>(existing) { SignatureImage.Layer(payload, signature) };
        var (manifest, config) = SignatureImage.Build(layers);
        // Both blobs are new (the payload names this digest, the config these layers): no HEAD request first.
        await PutAsync(store, layers[^1], payload, cancellationToken).ConfigureAwait(false);
        await PutAsync(store, manifest.AsImage().Config, config, cancellationToken).ConfigureAwait(false);
        await store.PutManifestAsync(manifest, tag, cancellationToken).ConfigureAwait(false);
        return new SigningResult(tag, manifest, Added: true);
    }

    private static async Task PutAsync(IImageTarget store, Descriptor blob, byte[] bytes, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(bytes, writable: false);
        await store.PutBlobAsync(blob, content, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsSignedBy(Descriptor layer, byte[] payload, VerificationKey key)
    {
        string? base64 = layer.Annotations?.GetValueOrDefault(SignatureImage.SignatureAnnotation);
        byte[] der = new byte[base64?.Length ?? 0];
        return base64 is not null && Convert.TryFromBase64String(base64, der, out int length) && key.Verify(payload, der.AsSpan(0, length));
    }
}
