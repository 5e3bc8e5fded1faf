namespace Hull.Oci.Auth;

/// <summary>Looks up the credential for a registry host (as normalised in references, e.g. <c>index.docker.io</c>).</summary>
public interface ICredentialSource
{
    /// <summary>The credential for <paramref name="registry"/>, or null when this source has none.</summary>
    ValueTask<Credential?> GetAsync(string registry, CancellationToken cancellationToken = default);
}
