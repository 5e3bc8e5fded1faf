using Hull.Oci.Manifests;

namespace Hull.Oci.Signatures;

/// <summary>What signing did: the <c>.sig</c> tag, its manifest, and whether a signature was added (false: already signed).</summary>
public sealed record SigningResult(string Tag, Manifest SignatureManifest, bool Added);
