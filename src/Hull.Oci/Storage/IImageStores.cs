using Hull.Oci.References;

namespace Hull.Oci.Storage;

/// <summary>Opens the store an image location lives in: a registry repository, an OCI image layout, or a tarball's images.</summary>
public interface IImageStores
{
    /// <summary>The store of <paramref name="location"/> (tag or digest ignored); <paramref name="forWrite"/> creates a missing layout.</summary>
    IImageStore Open(ImageLocation location, bool forWrite = false);
}
