using Hull.Failures;
namespace Hull.Oci;

/// <summary>A failure talking to a registry or an image layout, with a message a user can act on.</summary>
public class OciException : HullException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public OciException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and the underlying cause.</summary>
    public OciException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>Content whose digest or size does not match what its descriptor promised.</summary>
public sealed class DigestMismatchException(string message) : OciException(message);

/// <summary>A manifest, tag or blob that does not exist where it was looked up.</summary>
public sealed class OciNotFoundException(string message) : OciException(message);
