namespace Hull.Oci.Signatures;

/// <summary>The outcome of checking an image's signatures against trusted keys; every value but Verified refuses it.</summary>
public enum SignatureStatus
{
    /// <summary>A signature by a trusted key binds this digest.</summary>
    Verified,
    /// <summary>No <c>.sig</c> image, or one with no layers.</summary>
    Unsigned,
    /// <summary>Signatures exist but none verifies with a trusted key.</summary>
    UntrustedKey,
    /// <summary>A trusted key signed a payload naming another digest (a signature moved from another image).</summary>
    OtherDigest,
    /// <summary>A trusted key signed this digest in another repository than the one required.</summary>
    OtherRepository,
    /// <summary>The signatures cannot be read: not base64, not JSON, wrong type or media type, too many or too large.</summary>
    Malformed,
}
