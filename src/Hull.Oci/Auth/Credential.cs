namespace Hull.Oci.Auth;

/// <summary>
/// What to authenticate to a registry with: a username and password, an identity (refresh) token, or a
/// registry (bearer) token. <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed record Credential
{
    /// <summary>The user name for basic auth or a token exchange.</summary>
    public string? Username { get; init; }

    /// <summary>The password.</summary>
    public string? Password { get; init; }

    /// <summary>An OAuth2 refresh token (docker config's <c>identitytoken</c>).</summary>
    public string? IdentityToken { get; init; }

    /// <summary>A bearer token sent as is.</summary>
    public string? RegistryToken { get; init; }

    /// <summary>No credentials at all.</summary>
    public static Credential Anonymous { get; } = new();

    /// <summary>True when nothing would be sent.</summary>
    public bool IsAnonymous => Username is null && Password is null && IdentityToken is null && RegistryToken is null;

    /// <summary>A description without secrets.</summary>
    public override string ToString() =>
        IsAnonymous ? "Credential(anonymous)"
        : RegistryToken is not null ? "Credential(registry token)"
        : IdentityToken is not null ? "Credential(identity token)"
        : $"Credential(user {Username})";
}
