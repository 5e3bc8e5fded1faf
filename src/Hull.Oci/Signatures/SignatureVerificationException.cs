namespace Hull.Oci.Signatures;

/// <summary>An image whose signatures did not verify: the message names the location, digest and reason.</summary>
public sealed class SignatureVerificationException(SignatureVerification verification) : OciException(verification.Message)
{
    /// <summary>The verdict, for callers that act on its status.</summary>
    public SignatureVerification Verification { get; } = verification;
}
