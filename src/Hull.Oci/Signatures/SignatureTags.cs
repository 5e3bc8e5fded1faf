using Hull.Oci.References;

namespace Hull.Oci.Signatures;

/// <summary>
/// cosign's tag-based discovery: the tag of an image's signatures (<c>.sig</c>), attestations (<c>.att</c>) and SBOM
/// (<c>.sbom</c>) in the signed image's repository is its digest with <c>:</c> replaced by <c>-</c> plus the suffix.
/// </summary>
public static class SignatureTags
{
    /// <summary>The suffixes of cosign's attached artifacts, in the order Hull copies them.</summary>
    public static readonly IReadOnlyList<string> Suffixes = [".sig", ".att", ".sbom"];

    /// <summary><c>sha256-HEX.sig</c>: where the signatures of <paramref name="digest"/> live.</summary>
    public static string Signature(Digest digest) => For(digest, ".sig");

    /// <summary><c>sha256-HEX.att</c>: where the attestations of <paramref name="digest"/> live.</summary>
    public static string Attestation(Digest digest) => For(digest, ".att");

    /// <summary><c>sha256-HEX.sbom</c>: where the SBOM of <paramref name="digest"/> lives.</summary>
    public static string Sbom(Digest digest) => For(digest, ".sbom");

    /// <summary>The tag of <paramref name="digest"/> with <paramref name="suffix"/> (one of <see cref="Suffixes"/>).</summary>
    public static string For(Digest digest, string suffix)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return digest.Algorithm + "-" + digest.Hex + suffix;
    }

    /// <summary>True for a tag of this form (so listings can hide or group them).</summary>
    public static bool IsAttachmentTag(string tag) => DigestOf(tag) is not null;

    /// <summary>The digest an attachment tag names, or null when <paramref name="tag"/> is not one.</summary>
    public static Digest? DigestOf(string tag)
    {
        int dot = tag.LastIndexOf('.');
        int dash = tag.IndexOf('-', StringComparison.Ordinal);
        if (dot < 0 || dash < 0 || dash > dot || !Suffixes.Contains(tag[dot..]))
            return null;
        return Digest.TryParse(tag[..dash] + ":" + tag[(dash + 1)..dot], out var digest) ? digest : null;
    }
}
