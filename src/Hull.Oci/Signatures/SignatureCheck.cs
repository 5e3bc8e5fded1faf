namespace Hull.Oci.Signatures;

/// <summary>What one signature layer is worth against the trusted keys: its status, the key that verified it, and why.</summary>
public sealed record SignatureCheck(ImageSignature Signature, SignatureStatus Status, VerificationKey? Key, string Reason);
