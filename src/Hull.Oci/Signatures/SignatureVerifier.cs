using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Oci.Signatures;

/// <summary>
/// Verifies an image digest against trusted public keys as <c>cosign verify --key</c> does: some layer of its
/// <c>.sig</c> image must carry a signature one of the keys verifies over a payload of type
/// <see cref="SimpleSigningPayload.SignatureType"/> naming this digest. The payload's docker-reference is ignored
/// unless a repository is required (cosign ignores it, so signatures survive relocation).
/// </summary>
public static class SignatureVerifier
{
    /// <summary>
    /// Reads the signatures of <paramref name="digest"/> in <paramref name="source"/> one by one, stopping at the first
    /// verified one. A <c>.sig</c> image Hull will not read gives <see cref="SignatureStatus.Malformed"/>; transport
    /// failures throw <see cref="OciException"/>.
    /// </summary>
    public static async Task<SignatureVerification> VerifyAsync(IImageSource source, Digest digest,
        IReadOnlyCollection<VerificationKey> keys, string? requiredRepository = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(keys);
        var verdict = new SignatureVerification
        {
            Location = source.Location,
            Digest = digest,
            Status = SignatureStatus.Unsigned,
            Reason = $"unsigned: there is no signature image {SignatureTags.Signature(digest)}",
        };
        IReadOnlyList<Manifests.Descriptor>? layers;
        try
        {
            layers = await SignatureReader.ReadLayersAsync(source, digest, cancellationToken).ConfigureAwait(false);
        }
        catch (SigningException e)
        {
            return verdict with { Status = SignatureStatus.Malformed, Reason = e.Message };
        }
        if (layers is null)
            return verdict;
        if (layers.Count == 0)
            return verdict with { Reason = $"unsigned: the signature image {SignatureTags.Signature(digest)} holds no signatures" };
        var checks = new List<SignatureCheck>(layers.Count);
        for (int i = 0; i < layers.Count; i++)
        {
            var signature = await SignatureReader.ReadAsync(source, layers[i], i, cancellationToken).ConfigureAwait(false);
            var check = Check(signature, digest, keys, requiredRepository);
            checks.Add(check);
            if (check.Status == SignatureStatus.Verified)
                return verdict with { Status = SignatureStatus.Verified, Reason = check.Reason, Checks = checks };
        }
        return Refusal(verdict with { Checks = checks }, keys);
    }

    /// <summary>What one signature is worth against <paramref name="keys"/> for <paramref name="digest"/>.</summary>
    public static SignatureCheck Check(ImageSignature signature, Digest digest, IReadOnlyCollection<VerificationKey> keys,
        string? requiredRepository = null)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(keys);
        if (signature.Problem is { } problem || signature.Signature is null || signature.PayloadBytes is null || signature.Payload is null)
            return new(signature, SignatureStatus.Malformed, null, $"{signature.Name}: {signature.Problem ?? "unreadable"}");
        var key = keys.FirstOrDefault(k => k.Verify(signature.PayloadBytes, signature.Signature));
        if (key is null)
            return new(signature, SignatureStatus.UntrustedKey, null, $"{signature.Name}: not signed by a trusted key");
        var payload = signature.Payload;
        if (payload.Type != SimpleSigningPayload.SignatureType)
            return new(signature, SignatureStatus.Malformed, key, $"{signature.Name}: payload type \"{payload.Type}\" is not \"{SimpleSigningPayload.SignatureType}\"");
        if (payload.ManifestDigest != digest.ToString())
            return new(signature, SignatureStatus.OtherDigest, key,
                $"{signature.Name}: signed by trusted key {key.ShortFingerprint} for another image: the payload names {payload.ManifestDigest}");
        if (requiredRepository is not null && payload.DockerReference != requiredRepository)
            return new(signature, SignatureStatus.OtherRepository, key,
                $"{signature.Name}: signed by trusted key {key.ShortFingerprint} for repository {payload.DockerReference}, not {requiredRepository}");
        return new(signature, SignatureStatus.Verified, key, $"verified: signed by {key.Source} ({key.Fingerprint})");
    }

    // The most telling failure wins: a trusted key's signature for something else says more than an unknown signer,
    // which says more than unreadable layers.
    private static SignatureVerification Refusal(SignatureVerification verdict, IReadOnlyCollection<VerificationKey> keys)
    {
        SignatureStatus[] order = [SignatureStatus.OtherDigest, SignatureStatus.OtherRepository, SignatureStatus.UntrustedKey, SignatureStatus.Malformed];
        var worst = order.Select(s => verdict.Checks.FirstOrDefault(c => c.Status == s)).First(c => c is not null)!;
        string reason = worst.Status switch
        {
            SignatureStatus.OtherDigest => "payload for another digest: " + worst.Reason,
            SignatureStatus.OtherRepository => "payload for another repository: " + worst.Reason,
            SignatureStatus.UntrustedKey => $"signed by an untrusted key: none of the {verdict.Checks.Count} signature(s) verifies with "
                + (keys.Count == 0 ? "any key (none given)" : string.Join(", ", keys.Select(k => $"{k.Source} ({k.ShortFingerprint})"))),
            _ => "malformed signature: " + worst.Reason,
        };
        int others = verdict.Checks.Count - 1;
        if (others > 0 && worst.Status != SignatureStatus.UntrustedKey)
            reason += $" (and {others} other signature(s) not verified)";
        return verdict with { Status = worst.Status, Reason = reason };
    }
}
