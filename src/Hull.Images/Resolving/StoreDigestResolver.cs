using Hull.Oci;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;
using Hull.Oci.Storage;
using Hull.Yaml;

namespace Hull.Images.Resolving;

/// <summary>
/// Resolves tags with a HEAD on the manifest, in a registry or an OCI layout (<c>oci:PATH:TAG</c>). References by
/// digest are normalised without asking. An index stays an index unless a platform selects one of its images.
/// </summary>
public sealed class StoreDigestResolver(RegistryClient registry, PlatformSelector? platform = null) : IDigestResolver
{
    /// <inheritdoc/>
    public async Task<ResolvedReference> ResolveAsync(string image, CancellationToken cancellationToken = default)
    {
        ImageLocation location;
        try
        {
            location = ImageLocation.Parse(image);
        }
        catch (OciException e)
        {
            throw new ImagesException(image.Contains('@', StringComparison.Ordinal)
                ? $"Expected valid digest reference, but found '{image}', reason: {e.Message}"
                : $"invalid reference: {e.Message}");
        }
        var store = new ImageStores(registry).Open(location);
        string url;
        var origins = new List<Map>();
        string? mediaType = null;
        Digest resolved;
        if (location.Digest is { } digest)
        {
            resolved = digest;
            url = location.DigestReference(digest);
        }
        else
        {
            // A registry reference without a digest always has a tag (parsing adds "latest"); a layout's may be null.
            string? tag = location.Tag;
            var descriptor = await store.ResolveAsync(tag, cancellationToken).ConfigureAwait(false);
            resolved = descriptor.Digest;
            url = location.DigestReference(resolved);
            mediaType = descriptor.MediaType;
            origins.Add(ImageOrigin.Resolved(tag, image));
        }
        if (platform is null)
        {
            return new ResolvedReference(url, origins);
        }
        // As kbld: a platform is only applied to indexes; an image is fine as it is.
        if (mediaType is not null && !MediaTypes.IsIndex(mediaType))
        {
            return new ResolvedReference(url, origins);
        }
        var manifest = await store.GetManifestAsync(resolved.ToString(), cancellationToken).ConfigureAwait(false);
        if (!MediaTypes.IsIndex(manifest.MediaType))
        {
            return new ResolvedReference(url, origins);
        }
        var matches = manifest.AsIndex().Manifests.Where(m => platform.Matches(m.Platform)).ToList();
        if (matches.Count == 0)
        {
            throw new ImagesException($"Expected to find one image under index '{url}' with matching platform {platform}, but found none");
        }
        if (matches.Count > 1)
        {
            throw new ImagesException($"Expected to find only one image under index '{url}' with matching platform {platform}, but found more than one");
        }
        origins.Add(ImageOrigin.PlatformSelected(url, platform));
        return new ResolvedReference(location.DigestReference(matches[0].Digest), origins);
    }
}
