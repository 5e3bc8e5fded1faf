using Hull.Oci.Manifests;

namespace Hull.Oci.Storage;

/// <summary>Somewhere images are read from: a registry repository or an OCI image layout.</summary>
public interface IImageSource
{
    /// <summary>Where this source is, for messages (<c>registry/repo</c> or <c>oci:PATH</c>).</summary>
    string Location { get; }

    /// <summary>
    /// Resolves a tag or <c>algorithm:hex</c> digest to the manifest's descriptor. A null identifier means
    /// the only image of a layout. Throws <see cref="OciNotFoundException"/> when it does not exist.
    /// </summary>
    Task<Descriptor> ResolveAsync(string? identifier, CancellationToken cancellationToken = default);

    /// <summary>Reads a manifest by tag or digest; its digest is verified when known in advance.</summary>
    Task<Manifest> GetManifestAsync(string? identifier, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a blob for reading. The stream checks size and digest as it is read and throws
    /// <see cref="DigestMismatchException"/> at the end if they differ from <paramref name="blob"/>.
    /// </summary>
    Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken = default);
}
