using Hull.Oci.Layout;
using Hull.Oci.References;
using Hull.Oci.Registry;

namespace Hull.Oci.Storage;

/// <summary>Opens the store an <see cref="ImageLocation"/> names: a registry repository or an OCI layout.</summary>
public static class ImageStores
{
    /// <summary>
    /// The store holding <paramref name="location"/>. A layout is created when <paramref name="forWriting"/> is set
    /// and it does not exist yet. Pass <see cref="ImageLocation.Identifier"/> to the store's methods.
    /// </summary>
    public static IImageStore Open(ImageLocation location, RegistryClient registry, bool forWriting = false) => location switch
    {
        ImageReference image => registry.Repository(image),
        LayoutReference layout => OciLayout.For(layout, forWriting),
        _ => throw new ArgumentOutOfRangeException(nameof(location)),
    };
}
