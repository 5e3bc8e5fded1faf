using Hull.Oci.Layers;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Bundles.Images;

/// <summary>An image or index fetched from a location: its store, manifest and digest reference.</summary>
public sealed class FetchedImage
{
    internal FetchedImage(ImageLocation location, IImageStore store, Manifest manifest, string? tag)
    {
        Location = location;
        Store = store;
        Manifest = manifest;
        Tag = tag;
    }

    /// <summary>Where it was asked for.</summary>
    public ImageLocation Location { get; }

    /// <summary>The store holding it.</summary>
    public IImageStore Store { get; }

    /// <summary>Its manifest.</summary>
    public Manifest Manifest { get; }

    /// <summary>The tag it was asked for by, if any.</summary>
    public string? Tag { get; }

    /// <summary>Its digest.</summary>
    public Digest Digest => Manifest.Digest;

    /// <summary><c>REPO@sha256:…</c>.</summary>
    public string DigestReference => Location.DigestReference(Digest);

    /// <summary>The image's layers, bottom first (an index has none to read: it fails as <see cref="Manifest.AsImage"/> does).</summary>
    public IReadOnlyList<ImageLayer> Layers => ImageLayer.Of(Store, Manifest.AsImage());

    /// <summary>The repository part of the location.</summary>
    public string Repository => Location.Repository;

    /// <summary>Opens the store of <paramref name="location"/> and fetches its manifest; failures name the location and the cause.</summary>
    public static async Task<FetchedImage> FetchAsync(IImageStores stores, ImageLocation location, CancellationToken cancellationToken)
    {
        var store = stores.OpenStore(location);
        try
        {
            var manifest = await store.GetManifestAsync(location.Identifier, cancellationToken).ConfigureAwait(false);
            return new FetchedImage(location, store, manifest, location.Digest is null ? location.Tag : null);
        }
        catch (Hull.Oci.OciException ex)
        {
            throw new BundleException($"Fetching '{location}': {ex.Message}", ex);
        }
    }

    /// <summary>Reads the image config (null for an index).</summary>
    public async Task<ImageConfig?> ReadConfigAsync(CancellationToken cancellationToken)
    {
        if (Manifest.IsIndex)
        {
            return null;
        }
        var image = Manifest.AsImage();
        await using var stream = await Store.OpenBlobAsync(image.Config, cancellationToken).ConfigureAwait(false);
        var ms = new MemoryStream();
        await stream.CopyToAsync(ms, cancellationToken).ConfigureAwait(false);
        try
        {
            return OciJson.ParseConfig(ms.ToArray(), $"config of '{DigestReference}'");
        }
        catch (Hull.Oci.OciException)
        {
            // Artifacts (signatures, attestations) carry configs that are not image configs: not bundles.
            return null;
        }
    }

    /// <summary>True when this is an image whose config has imgpkg's bundle label.</summary>
    public async Task<bool> IsBundleAsync(CancellationToken cancellationToken) =>
        (await ReadConfigAsync(cancellationToken).ConfigureAwait(false))?.IsBundle == true;
}
