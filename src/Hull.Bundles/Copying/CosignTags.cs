using System.Text.RegularExpressions;
using Hull.Oci.References;

namespace Hull.Bundles.Copying;

/// <summary>
/// The tags under which cosign stores what it attaches to an image, in the image's own repository:
/// <c>sha256-HEX.sig</c> (signatures), <c>.att</c> (attestations), <c>.sbom</c> (SBOMs).
/// </summary>
public static partial class CosignTags
{
    /// <summary>The suffixes cosign gives attached images, without the dot.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["sig", "att", "sbom"];

    /// <summary>The tag of the <paramref name="kind"/> attached to the image <paramref name="subject"/>.</summary>
    public static string For(Digest subject, string kind) => $"{subject.Algorithm}-{subject.Hex}.{kind}";

    /// <summary>True when <paramref name="tag"/> is a tag cosign attaches images under.</summary>
    public static bool IsCosignTag(string? tag) => tag is not null && Pattern().IsMatch(tag);

    [GeneratedRegex(@"^(sha256-[0-9a-f]{64}|sha512-[0-9a-f]{128})\.(sig|att|sbom)$")]
    private static partial Regex Pattern();
}
