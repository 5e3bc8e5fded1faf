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

    internal static void CheckDigestReference(string? image)
    {
        if (image is null || !Hull.Oci.References.ImageReference.TryParse(image, out var reference) || reference.Digest is null)
        {
            throw new BundleException($"Expected ref to be in digest form, got '{image}'");
        }
    }
}
