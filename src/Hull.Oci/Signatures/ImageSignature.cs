using Hull.Oci.Manifests;

namespace Hull.Oci.Signatures;

/// <summary>
/// One layer of a <c>.sig</c> image as read: its descriptor, the decoded signature and payload when they could be read,
/// or <see cref="Problem"/> saying why not (not base64, not JSON, too large, another media type).
/// </summary>
public sealed record ImageSignature
{
    /// <summary>The layer's position in the <c>.sig</c> image (0-based).</summary>
    public required int Index { get; init; }

    /// <summary>The layer's descriptor.</summary>
    public required Descriptor Layer { get; init; }

    /// <summary>The DER signature decoded from the annotation, when valid base64.</summary>
    public byte[]? Signature { get; init; }

    /// <summary>The payload bytes, when read (the store verified them against the layer digest).</summary>
    public byte[]? PayloadBytes { get; init; }

    /// <summary>The parsed payload, when it is a valid simple signing payload.</summary>
    public SimpleSigningPayload? Payload { get; init; }

    /// <summary>Why this layer is not a usable signature, or null.</summary>
    public string? Problem { get; init; }

    /// <summary>The layer named for messages: <c>layer N (sha256:…)</c>.</summary>
    public string Name => $"signature layer {Index} ({Layer.Digest})";
}
