namespace Hull.Oci.Auth;

/// <summary>Asks sources in order and returns the first credential found.</summary>
public sealed class CredentialChain(IReadOnlyList<ICredentialSource> sources) : ICredentialSource
{
    /// <summary>
    /// imgpkg's order: <c>IMGPKG_REGISTRY_*</c> variables, then explicit flags, then the docker config file.
    /// </summary>
    public static CredentialChain Default(Credential? explicitCredential = null)
    {
        var list = new List<ICredentialSource> { EnvironmentCredentials.FromProcess() };
        if (explicitCredential is not null)
            list.Add(new StaticCredentials(explicitCredential));
        list.Add(DockerConfigCredentials.FromEnvironment());
        return new CredentialChain(list);
    }

    /// <inheritdoc />
    public ValueTask<Credential?> GetAsync(string registry, CancellationToken cancellationToken = default) =>
        GetAsync(registry, null, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<Credential?> GetAsync(string registry, string? repository, CancellationToken cancellationToken = default)
    {
        foreach (var source in sources)
        {
            var credential = await source.GetAsync(registry, repository, cancellationToken).ConfigureAwait(false);
            if (credential is not null)
                return credential;
        }
        return null;
    }
}
