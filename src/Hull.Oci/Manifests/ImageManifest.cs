using System.Text.Json.Serialization;

namespace Hull.Oci.Manifests;

/// <summary>A single-image manifest: OCI image manifest or Docker v2 schema 2.</summary>
public sealed record ImageManifest
{
    /// <summary>Always 2.</summary>
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = 2;

    /// <summary>The manifest's media type (OCI or Docker).</summary>
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }

    /// <summary>The artifact type, for OCI artifacts.</summary>
    [JsonPropertyName("artifactType")] public string? ArtifactType { get; init; }

    /// <summary>The image config blob.</summary>
    [JsonPropertyName("config")] public required Descriptor Config { get; init; }

    /// <summary>The layers, base first.</summary>
    [JsonPropertyName("layers")] public required IReadOnlyList<Descriptor> Layers { get; init; }

    /// <summary>The manifest this one refers to (OCI 1.1 referrers).</summary>
    [JsonPropertyName("subject")] public Descriptor? Subject { get; init; }

    /// <summary>Annotations, written sorted by key.</summary>
    [JsonPropertyName("annotations")]
    [JsonConverter(typeof(SortedStringMapConverter))]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
