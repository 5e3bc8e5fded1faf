using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Bundles.Images;

/// <summary>Opens the store an image location lives in: a registry repository, or an OCI image layout.</summary>
public interface IStoreResolver
{
    /// <summary>The store of <paramref name="location"/> (tag or digest ignored); <paramref name="forWrite"/> creates a missing layout.</summary>
    IImageStore Open(ImageLocation location, bool forWrite = false);
}
