namespace Hull.Oci.Auth;

/// <summary>Looks up the credential for a registry host (as normalised in references, e.g. <c>index.docker.io</c>).</summary>
public interface ICredentialSource
{
    /// <summary>The credential for <paramref name="registry"/>, or null when this source has none.</summary>
    ValueTask<Credential?> GetAsync(string registry, CancellationToken cancellationToken = default);

    /// <summary>
    /// The credential for one repository of <paramref name="registry"/>; sources that can scope credentials to a
    /// repository (imgpkg's <c>IMGPKG_REGISTRY_HOSTNAME=host/repo</c>) override this.
    /// </summary>
    ValueTask<Credential?> GetAsync(string registry, string? repository, CancellationToken cancellationToken = default) =>
        GetAsync(registry, cancellationToken);
}
