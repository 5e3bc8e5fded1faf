using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Bundles.Images;

/// <summary>Opening stores for bundle operations, whose failures are <see cref="BundleException"/>s.</summary>
public static class BundleStores
{
    /// <summary>The store of <paramref name="location"/>; a layout that cannot be opened fails naming the location.</summary>
    public static IImageStore OpenStore(this IImageStores stores, ImageLocation location, bool forWrite = false)
    {
        try
        {
            return stores.Open(location, forWrite);
        }
        catch (Hull.Oci.OciException ex)
        {
            throw new BundleException($"Opening '{location}': {ex.Message}", ex);
        }
    }
}
