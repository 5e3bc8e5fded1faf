namespace Hull.Bundles.Locks;

/// <summary>The apiVersion and kinds of imgpkg's configuration files.</summary>
public static class LockApi
{
    /// <summary>The apiVersion of every imgpkg file.</summary>
    public const string Version = "imgpkg.carvel.dev/v1alpha1";

    /// <summary>Kind of <c>.imgpkg/images.yml</c>.</summary>
    public const string ImagesLockKind = "ImagesLock";

    /// <summary>Kind of <c>--lock-output</c> for bundles.</summary>
    public const string BundleLockKind = "BundleLock";

    /// <summary>Kind of <c>.imgpkg/bundle.yml</c>.</summary>
    public const string BundleKind = "Bundle";

    /// <summary>Kind of the file inside the <c>.image-locations.imgpkg</c> image.</summary>
    public const string ImageLocationsKind = "ImageLocations";

    internal static void Check(string? apiVersion, string? kind, string expectedKind)
    {
        if (apiVersion != Version)
        {
            throw new BundleException($"Validating apiVersion: Unknown version (known: {Version})");
        }
        if (kind != expectedKind)
        {
            throw new BundleException($"Validating kind: Unknown kind (known: {expectedKind})");
        }
    }

    // Hull's OCI layout stores (oci:PATH@sha256:…) lock like registries: a repository released there lists its bundles.
    internal static void CheckDigestReference(string? image)
    {
        bool byDigest;
        try
        {
            byDigest = image is not null && Hull.Oci.References.ImageLocation.Parse(image).Digest is not null;
        }
        catch (Hull.Oci.References.ReferenceFormatException)
        {
            byDigest = false;
        }
        if (!byDigest)
        {
            throw new BundleException($"Expected ref to be in digest form, got '{image}'");
        }
    }
}
