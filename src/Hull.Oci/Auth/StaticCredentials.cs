namespace Hull.Oci.Auth;

/// <summary>One credential for every registry (or only <paramref name="registry"/>), e.g. from command-line flags.</summary>
public sealed class StaticCredentials(Credential credential, string? registry = null) : ICredentialSource
{
    /// <inheritdoc />
    public ValueTask<Credential?> GetAsync(string registry1, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(registry is null || RegistryHosts.Match(registry, registry1) ? credential : null);
}
