using Hull.Oci.References;

namespace Hull.Oci.Signatures;

/// <summary>
/// The verdict on an image's signatures: <see cref="Status"/> and, unless verified, <see cref="Reason"/> in words;
/// <see cref="Checks"/> holds what each signature layer read was worth.
/// </summary>
public sealed record SignatureVerification
{
    /// <summary>Where the image is (<c>registry/repo</c> or <c>oci:PATH</c>).</summary>
    public required string Location { get; init; }

    /// <summary>The image digest whose signatures were checked.</summary>
    public required Digest Digest { get; init; }

    /// <summary>The verdict.</summary>
    public required SignatureStatus Status { get; init; }

    /// <summary>Why: which key verified it, or why none did.</summary>
    public required string Reason { get; init; }

    /// <summary>Each signature layer read, with its own status (verification stops at the first verified one).</summary>
    public IReadOnlyList<SignatureCheck> Checks { get; init; } = [];

    /// <summary>True when a trusted key's signature binds the digest.</summary>
    public bool IsVerified => Status == SignatureStatus.Verified;

    /// <summary>The trusted key that verified it, when verified.</summary>
    public VerificationKey? Key => Checks.FirstOrDefault(c => c.Status == SignatureStatus.Verified)?.Key;

    /// <summary>One line for users: <c>LOCATION@DIGEST: verified by …</c> or <c>… : not verified: REASON</c>.</summary>
    public string Message => IsVerified
        ? $"{Location}@{Digest}: {Reason}"
        : $"{Location}@{Digest}: signature not verified: {Reason}";

    /// <summary>Returns this verdict when verified; otherwise throws a <see cref="SignatureVerificationException"/> carrying it.</summary>
    public SignatureVerification EnsureVerified() => IsVerified ? this : throw new SignatureVerificationException(this);
}
