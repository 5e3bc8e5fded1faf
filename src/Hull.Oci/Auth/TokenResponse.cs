using System.Text.Json.Serialization;

namespace Hull.Oci.Auth;

/// <summary>A token endpoint's answer (Docker's <c>token</c> or OAuth2's <c>access_token</c>).</summary>
internal sealed record TokenResponse
{
    [JsonPropertyName("token")] public string? Token { get; init; }
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("expires_in")] public int? ExpiresIn { get; init; }
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }
}
