using System.Text.Json.Serialization;

namespace Hull.Oci.Auth;

/// <summary>The parts of <c>~/.docker/config.json</c> that hold registry credentials.</summary>
internal sealed record DockerConfigFile
{
    [JsonPropertyName("auths")] public Dictionary<string, DockerAuthEntry>? Auths { get; init; }
    [JsonPropertyName("credHelpers")] public Dictionary<string, string>? CredHelpers { get; init; }
    [JsonPropertyName("credsStore")] public string? CredsStore { get; init; }
}

/// <summary>One <c>auths</c> entry.</summary>
internal sealed record DockerAuthEntry
{
    [JsonPropertyName("auth")] public string? Auth { get; init; }
    [JsonPropertyName("username")] public string? Username { get; init; }
    [JsonPropertyName("password")] public string? Password { get; init; }
    [JsonPropertyName("identitytoken")] public string? IdentityToken { get; init; }
    [JsonPropertyName("registrytoken")] public string? RegistryToken { get; init; }
}

/// <summary>What <c>docker-credential-NAME get</c> prints.</summary>
internal sealed record CredentialHelperOutput
{
    [JsonPropertyName("ServerURL")] public string? ServerUrl { get; init; }
    [JsonPropertyName("Username")] public string? Username { get; init; }
    [JsonPropertyName("Secret")] public string? Secret { get; init; }
}
