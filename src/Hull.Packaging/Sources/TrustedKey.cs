namespace Hull.Packaging.Sources;

/// <summary>A public key a repository's bundle must be signed by, as <c>repositories.yml</c> records it.</summary>
/// <param name="Fingerprint"><c>sha256:HEX</c> of the key's DER SubjectPublicKeyInfo.</param>
/// <param name="File">Hull's own copy of the key (<c>trusted-keys/HEX.pub</c> beside <c>repositories.yml</c>, 0600 in a 0700 folder).</param>
public sealed record TrustedKey(string Fingerprint, string File);
