using Hull.Oci.Layout;
using Hull.Oci.References;
using Hull.Oci.Registry;

namespace Hull.Oci.Storage;

/// <summary>
/// The one place a location becomes a store: registry repositories through one shared <see cref="RegistryClient"/>,
/// OCI layouts on disk. Pass <see cref="ImageLocation.Identifier"/> to the store's methods.
/// </summary>
public sealed class ImageStores(RegistryClient registry) : IImageStores
{
    /// <summary>
    /// A layout is created when <paramref name="forWrite"/> is set and it does not exist yet; a layout that cannot be
    /// opened fails with an <see cref="OciException"/> naming it.
    /// </summary>
    public IImageStore Open(ImageLocation location, bool forWrite = false) => location switch
    {
        ImageReference image => registry.Repository(image),
        LayoutReference layout => OciLayout.For(layout, forWrite),
        _ => throw new ArgumentOutOfRangeException(nameof(location)),
    };
}
