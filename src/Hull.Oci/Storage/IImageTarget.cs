using Hull.Oci.Manifests;

namespace Hull.Oci.Storage;

/// <summary>Somewhere images are written to: a registry repository or an OCI image layout.</summary>
public interface IImageTarget
{
    /// <summary>Where this target is, for messages.</summary>
    string Location { get; }

    /// <summary>True when the target already holds the blob (so a copy can skip it).</summary>
    Task<bool> HasBlobAsync(Descriptor blob, CancellationToken cancellationToken = default);

    /// <summary>Stores a blob whose digest and size are known; the content is streamed, and verified.</summary>
    Task PutBlobAsync(Descriptor blob, Stream content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tries to make the blob available without transferring it (a registry's cross-repository mount).
    /// False when <paramref name="from"/> cannot be mounted from; the caller then copies the bytes.
    /// </summary>
    Task<bool> TryMountBlobAsync(Descriptor blob, IImageSource from, CancellationToken cancellationToken = default);

    /// <summary>True when the target already holds this manifest by digest.</summary>
    Task<bool> HasManifestAsync(Descriptor manifest, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a manifest (its blobs and children must already be there). With a tag it is tagged; without one it
    /// is stored by digest only (in a layout: a blob, not an index.json entry).
    /// </summary>
    Task PutManifestAsync(Manifest manifest, string? tag, CancellationToken cancellationToken = default);
}

/// <summary>A location that is both read and written: <see cref="Registry.RegistryRepository"/> or <see cref="Layout.OciLayout"/>.</summary>
public interface IImageStore : IImageSource, IImageTarget
{
    /// <summary>Where this store is, for messages.</summary>
    new string Location { get; }
}
