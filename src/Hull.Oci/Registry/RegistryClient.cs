using Hull.Oci.Auth;
using Hull.Oci.Manifests;
using Hull.Oci.References;

namespace Hull.Oci.Registry;

/// <summary>
/// The OCI distribution API client: one shared connection pool and token cache for every registry and
/// repository. Create one per command and dispose it at the end.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    internal RegistryTransport Transport { get; }

    /// <summary>The options this client was made with.</summary>
    public RegistryOptions Options => Transport.Options;

    /// <summary>A client using <paramref name="options"/>; credentials from <paramref name="credentials"/>, else the options' default chain.</summary>
    public RegistryClient(RegistryOptions? options = null, ICredentialSource? credentials = null)
    {
        options ??= new RegistryOptions();
        Transport = new RegistryTransport(options, credentials ?? options.CreateCredentialSource());
    }

    /// <summary>The repository <paramref name="reference"/> lives in (its tag and digest are ignored).</summary>
    public RegistryRepository Repository(ImageReference reference) => new(this, reference.Registry, reference.RepositoryPath);

    /// <summary>Resolves a reference to its manifest's descriptor (HEAD, falling back to GET).</summary>
    public Task<Descriptor> ResolveAsync(ImageReference reference, CancellationToken cancellationToken = default) =>
        Repository(reference).ResolveAsync(reference.Identifier, cancellationToken);

    /// <summary>Reads the manifest a reference names, verified against its digest.</summary>
    public Task<Manifest> GetManifestAsync(ImageReference reference, CancellationToken cancellationToken = default) =>
        Repository(reference).GetManifestAsync(reference.Identifier, cancellationToken);

    /// <summary>Every tag of the reference's repository, following pagination.</summary>
    public Task<IReadOnlyList<string>> ListTagsAsync(ImageReference reference, CancellationToken cancellationToken = default) =>
        Repository(reference).ListTagsAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => Transport.Dispose();
}
