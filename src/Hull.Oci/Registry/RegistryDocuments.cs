using System.Text.Json.Serialization;

namespace Hull.Oci.Registry;

/// <summary>The answer of <c>GET /v2/NAME/tags/list</c>.</summary>
internal sealed record TagList
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; init; }
}

/// <summary>The error body of the distribution API.</summary>
internal sealed record RegistryErrors
{
    [JsonPropertyName("errors")] public List<RegistryError>? Errors { get; init; }
}

/// <summary>One error of the distribution API.</summary>
internal sealed record RegistryError
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
}
