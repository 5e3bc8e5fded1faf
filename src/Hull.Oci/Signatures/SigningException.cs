namespace Hull.Oci.Signatures;

/// <summary>A key that cannot be used (malformed PEM, wrong type, wrong passphrase) or a signature image Hull will not read.</summary>
public sealed class SigningException : OciException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public SigningException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and the underlying cause.</summary>
    public SigningException(string message, Exception? inner) : base(message, inner) { }
}
