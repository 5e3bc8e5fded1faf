using Hull.Oci.References;

namespace Hull.Packaging.Repositories;

/// <summary>Reads a Package's bundle reference: a registry reference or an OCI layout (<c>oci:PATH@sha256:…</c>).</summary>
internal static class BundleReferences
{
    /// <summary>Whether the reference is an OCI layout on disk, which an ImagesLock cannot hold (imgpkg locks registry images only).</summary>
    public static bool IsLayout(string? image) => image?.StartsWith(ImageLocation.LayoutPrefix, StringComparison.Ordinal) == true;

    /// <summary>The reference's digest, or null when it is not a digest reference (or not a reference at all).</summary>
    public static Digest? DigestOf(string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return null;
        }
        try
        {
            return ImageLocation.Parse(image).Digest;
        }
        catch (ReferenceFormatException)
        {
            return null;
        }
    }
}
