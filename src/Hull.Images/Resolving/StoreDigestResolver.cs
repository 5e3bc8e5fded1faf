using Hull.Oci;
using Hull.Oci.References;
using Hull.Oci.Registry;
using Hull.Oci.Storage;

namespace Hull.Images.Resolving;

/// <summary>
/// Resolves tags with a HEAD on the manifest, in a registry or an OCI layout (<c>oci:PATH:TAG</c>). References by
/// digest are kept without asking. An index stays an index unless a platform selects one of its images.
/// </summary>
public sealed class StoreDigestResolver(RegistryClient registry, PlatformSelector? platform = null) : IDigestResolver
{
    /// <inheritdoc/>
    public async Task<string> ResolveAsync(string image, CancellationToken cancellationToken = default)
    {
        ImageLocation location;
        try
        {
            location = ImageLocation.Parse(image);
        }
        catch (OciException e)
        {
            throw new ImagesException($"invalid reference: {e.Message}");
        }
        if (location.Digest is not null && platform is null)
        {
            return WithDigest(location, location.Digest);
        }
        var store = ImageStores.Open(location, registry);
        var descriptor = await store.ResolveAsync(location is ImageReference ? location.Identifier ?? ImageReference.DefaultTag : location.Identifier, cancellationToken).ConfigureAwait(false);
        var digest = descriptor.Digest;
        if (platform is not null && Hull.Oci.Manifests.MediaTypes.IsIndex(descriptor.MediaType))
        {
            var index = (await store.GetManifestAsync(digest.ToString(), cancellationToken).ConfigureAwait(false)).AsIndex();
            var child = index.Manifests.FirstOrDefault(m => platform.Matches(m.Platform))
                ?? throw new ImagesException($"image index has no image for platform {platform} (it has: {string.Join(", ", index.Manifests.Select(m => m.Platform?.ToString() ?? "?"))})");
            digest = child.Digest;
        }
        return WithDigest(location, digest);
    }

    private static string WithDigest(ImageLocation location, Digest digest) => location switch
    {
        ImageReference r => r.Name + "@" + digest,
        LayoutReference l => l.WithDigest(digest).ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(location)),
    };
}
