using Hull.Oci;
using Hull.Oci.References;
using Hull.Oci.Signatures;
using Hull.Oci.Storage;

namespace Hull.Packaging.Auditing;

/// <summary>
/// The signatures of a released bundle for review (<c>hull package show</c>): each one checked against the given keys,
/// or why they could not be read.
/// </summary>
/// <param name="Checks">Each signature layer with what it is worth against the keys (empty: unsigned).</param>
/// <param name="KeysGiven">How many keys they were checked against (none: nothing can verify).</param>
/// <param name="KeysName">Where the keys came from, for the listing ("given", "trusted for repository prod").</param>
/// <param name="Error">Why the signatures could not be read, or null.</param>
public sealed record BundleSignatures(IReadOnlyList<SignatureCheck> Checks, int KeysGiven, string KeysName, string? Error)
{
    /// <summary>
    /// Reads the signatures of the bundle at <paramref name="digestReference"/> (<c>REPO@sha256:…</c>) and checks them
    /// against <paramref name="keys"/>, named <paramref name="keysName"/> in the listing.
    /// </summary>
    public static async Task<BundleSignatures> ReadAsync(IImageStores stores, string digestReference,
        IReadOnlyCollection<VerificationKey> keys, string keysName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(keys);
        try
        {
            var location = ImageLocation.Parse(digestReference);
            var digest = location.Digest ?? throw new OciException($"{digestReference}: names no digest");
            var signatures = await SignatureReader.ListAsync(stores.Open(location), digest, cancellationToken).ConfigureAwait(false);
            return new(signatures.Select(s => SignatureVerifier.Check(s, digest, keys)).ToList(), keys.Count, keysName, null);
        }
        catch (Exception ex) when (ex is OciException or ReferenceFormatException)
        {
            return new([], keys.Count, keysName, ex.Message);
        }
    }

    /// <summary>The lines `hull package show` prints.</summary>
    public IEnumerable<string> Lines()
    {
        if (Error is not null)
        {
            yield return $"Signatures: cannot be read ({Error})";
            yield break;
        }
        yield return Checks.Count == 0 ? "Signatures: none (unsigned)" : "Signatures:";
        foreach (var check in Checks)
        {
            string identity = check.Signature.Payload is { } payload ? $" for {payload.DockerReference}" : "";
            yield return "  " + check.Status switch
            {
                SignatureStatus.Verified => $"verified: key {check.Key!.Fingerprint} ({check.Key.Source}){identity}",
                SignatureStatus.UntrustedKey when KeysGiven == 0 => $"not verified (no --key given){identity}",
                SignatureStatus.UntrustedKey => $"not verified: made by none of the {KeysGiven} key(s) {KeysName}{identity}",
                _ => $"refused: {check.Reason}",
            };
        }
    }
}
