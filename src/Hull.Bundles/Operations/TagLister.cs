using Hull.Oci.Storage;
using Hull.Bundles.Images;
using Hull.Oci.Layout;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;

namespace Hull.Bundles.Operations;

/// <summary>imgpkg's <c>tag list</c> and <c>tag resolve</c>.</summary>
public static class TagLister
{
    /// <summary>The tags of the repository (or layout) of <paramref name="location"/>, with digests when asked.</summary>
    public static async Task<IReadOnlyList<(string Tag, Digest? Digest)>> ListAsync(IImageStores stores, ImageLocation location, bool withDigests, CancellationToken cancellationToken)
    {
        var store = stores.OpenStore(location);
        IReadOnlyList<string> tags;
        try
        {
            tags = store switch
            {
                RegistryRepository r => await r.ListTagsAsync(cancellationToken).ConfigureAwait(false),
                OciLayout l => await l.ListTagsAsync(cancellationToken).ConfigureAwait(false),
                _ => throw new BundleException($"Listing tags of '{location}': not supported for this kind of location"),
            };
        }
        catch (Hull.Oci.OciException ex)
        {
            throw new BundleException($"Listing tags of '{location.Repository}': {ex.Message}", ex);
        }
        var result = new List<(string, Digest?)>();
        foreach (string tag in tags.Order(StringComparer.Ordinal))
        {
            Descriptor? descriptor = withDigests ? await store.ResolveAsync(tag, cancellationToken).ConfigureAwait(false) : null;
            result.Add((tag, descriptor?.Digest));
        }
        return result;
    }

    /// <summary>The digest reference a tag points at.</summary>
    public static async Task<string> ResolveAsync(IImageStores stores, ImageLocation location, CancellationToken cancellationToken)
    {
        var store = stores.OpenStore(location);
        try
        {
            var descriptor = await store.ResolveAsync(location.Identifier, cancellationToken).ConfigureAwait(false);
            return location.DigestReference(descriptor.Digest);
        }
        catch (Hull.Oci.OciException ex)
        {
            throw new BundleException($"Resolving '{location}': {ex.Message}", ex);
        }
    }
}
