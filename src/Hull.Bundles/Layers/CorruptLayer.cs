using Hull.Oci;

namespace Hull.Bundles.Layers;

/// <summary>
/// A layer that does not decompress is most often one whose bytes are not those its digest names (a lying or broken
/// registry, a damaged layout): reading the rest of the blob lets the verifying stream say so, which is the error
/// worth reporting rather than the decompressor's.
/// </summary>
public static class CorruptLayer
{
    /// <summary>Reads the rest of <paramref name="blob"/>; returns the digest or size mismatch it reveals, or null.</summary>
    public static async Task<OciException?> DigestProblemAsync(Stream blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (OciException mismatch)
        {
            return mismatch;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
