using System.Text.Json.Serialization;
using Hull.Oci.Auth;
using Hull.Oci.Layout;
using Hull.Oci.Registry;

namespace Hull.Oci.Manifests;

/// <summary>Source-generated JSON metadata for every document Hull.Oci reads or writes (no reflection: Native AOT).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(ManifestProbe))]
[JsonSerializable(typeof(LayoutMarker))]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(RegistryErrors))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(RegistryError))]
[JsonSerializable(typeof(DockerConfigFile))]
[JsonSerializable(typeof(CredentialHelperOutput))]
internal sealed partial class OciJsonContext : JsonSerializerContext;

/// <summary>Just the fields needed to tell what kind of manifest a document is.</summary>
internal sealed record ManifestProbe
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("config")] public System.Text.Json.JsonElement? Config { get; init; }
    [JsonPropertyName("manifests")] public System.Text.Json.JsonElement? Manifests { get; init; }
    [JsonPropertyName("layers")] public System.Text.Json.JsonElement? Layers { get; init; }
}
