using Hull.Oci.Layout;
using Hull.Oci.References;
using Hull.Oci.Registry;
using Hull.Oci.Storage;

namespace Hull.Bundles.Images;

/// <summary>Opens registry repositories through one shared <see cref="RegistryClient"/>, and OCI layouts on disk.</summary>
public sealed class StoreResolver : IStoreResolver
{
    private readonly RegistryClient _client;

    /// <summary>Uses <paramref name="client"/> for every registry location.</summary>
    public StoreResolver(RegistryClient client) => _client = client;

    /// <summary>Layouts are created when first written to; reading a missing layout fails with a clear error.</summary>
    public IImageStore Open(ImageLocation location, bool forWrite = false) => location switch
    {
        ImageReference r => _client.Repository(r),
        LayoutReference l => OpenLayout(l, forWrite),
        _ => throw new ArgumentOutOfRangeException(nameof(location)),
    };

    private static IImageStore OpenLayout(LayoutReference reference, bool forWrite)
    {
        try
        {
            return OciLayout.For(reference, create: forWrite);
        }
        catch (Hull.Oci.OciException ex)
        {
            throw new BundleException($"Opening '{reference}': {ex.Message}", ex);
        }
    }
}
