using Hull.Failures;
namespace Hull.Bundles;

/// <summary>A bundle operation failed for a reason the user can act on; the message names what and where.</summary>
public sealed class BundleException : HullException
{
    /// <summary>Creates the exception with a message.</summary>
    public BundleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public BundleException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
