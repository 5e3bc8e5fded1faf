using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Oci.Signatures;

/// <summary>
/// Reads the cosign signatures of an image from its store: the <c>.sig</c> image's layers (at most
/// <see cref="SignatureImage.MaxSignatures"/>) and each layer's payload (at most <see cref="SimpleSigningPayload.MaxBytes"/>).
/// Bad content becomes a signature's <see cref="ImageSignature.Problem"/>; only transport failures and a <c>.sig</c>
/// image Hull will not read (an index, too many layers) throw.
/// </summary>
public static class SignatureReader
{
    /// <summary>The <c>.sig</c> image's layers, or null when <paramref name="digest"/> has no signature image.</summary>
    public static async Task<IReadOnlyList<Descriptor>?> ReadLayersAsync(IImageSource source, Digest digest,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        string tag = SignatureTags.Signature(digest);
        Manifest manifest;
        try
        {
            manifest = await source.GetManifestAsync(tag, cancellationToken).ConfigureAwait(false);
        }
        catch (OciNotFoundException)
        {
            return null;
        }
        string where = $"{source.Location}:{tag}";
        if (manifest.IsIndex)
            throw new SigningException($"{where}: the signature image is an index ({manifest.MediaType}), not an image of signature layers");
        var layers = manifest.AsImage().Layers;
        if (layers.Count > SignatureImage.MaxSignatures)
            throw new SigningException($"{where}: the signature image has {layers.Count} layers; Hull reads at most {SignatureImage.MaxSignatures} signatures per image");
        return layers;
    }

    /// <summary>Reads one signature layer: its annotation and payload, each checked.</summary>
    public static async Task<ImageSignature> ReadAsync(IImageSource source, Descriptor layer, int index,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(layer);
        var signature = new ImageSignature { Index = index, Layer = layer };
        if (layer.MediaType != SimpleSigningPayload.MediaType)
            return signature with { Problem = $"media type \"{layer.MediaType}\" is not a simple signing payload ({SimpleSigningPayload.MediaType})" };
        if (layer.Annotations?.GetValueOrDefault(SignatureImage.SignatureAnnotation) is not { } base64)
            return signature with { Problem = $"no {SignatureImage.SignatureAnnotation} annotation" };
        byte[] der = new byte[base64.Length];
        if (base64.Length == 0 || !Convert.TryFromBase64String(base64, der, out int length))
            return signature with { Problem = $"the {SignatureImage.SignatureAnnotation} annotation is not valid base64" };
        signature = signature with { Signature = der[..length] };
        if (layer.Size is < 0 or > SimpleSigningPayload.MaxBytes)
            return signature with { Problem = $"payload of {layer.Size} bytes is larger than the {SimpleSigningPayload.MaxBytes} byte limit" };
        byte[] payload;
        try
        {
            payload = await source.ReadBlobAsync(layer, SimpleSigningPayload.MaxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DigestMismatchException or OciNotFoundException)
        {
            return signature with { Problem = "payload cannot be read: " + e.Message };
        }
        signature = signature with { PayloadBytes = payload };
        try
        {
            return signature with { Payload = SimpleSigningPayload.Parse(payload) };
        }
        catch (SigningException e)
        {
            return signature with { Problem = e.Message };
        }
    }

    /// <summary>Every signature of <paramref name="digest"/> (empty when it has none).</summary>
    public static async Task<IReadOnlyList<ImageSignature>> ListAsync(IImageSource source, Digest digest,
        CancellationToken cancellationToken = default)
    {
        var layers = await ReadLayersAsync(source, digest, cancellationToken).ConfigureAwait(false);
        if (layers is null)
            return [];
        var signatures = new List<ImageSignature>(layers.Count);
        for (int i = 0; i < layers.Count; i++)
            signatures.Add(await ReadAsync(source, layers[i], i, cancellationToken).ConfigureAwait(false));
        return signatures;
    }
}
