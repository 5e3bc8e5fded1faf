namespace Hull.Oci.Storage;

/// <summary>Which failures of a blob transfer are worth another attempt.</summary>
public static class TransientFailure
{
    /// <summary>
    /// True for a transfer that broke off, stalled or was cut short (the connection's fault, not the content's);
    /// a digest mismatch is the same on every attempt and is not transient.
    /// </summary>
    public static bool Is(Exception e) =>
        e is IOException or HttpRequestException
        || e is OciException { InnerException: IOException or HttpRequestException } and not DigestMismatchException;
}
