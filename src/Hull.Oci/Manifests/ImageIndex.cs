using System.Text.Json.Serialization;

namespace Hull.Oci.Manifests;

/// <summary>A multi-platform index: OCI image index or Docker manifest list; also the shape of a layout's index.json.</summary>
public sealed record ImageIndex
{
    /// <summary>Always 2.</summary>
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = 2;

    /// <summary>The index's media type (OCI or Docker).</summary>
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }

    /// <summary>The artifact type, for OCI artifacts.</summary>
    [JsonPropertyName("artifactType")] public string? ArtifactType { get; init; }

    /// <summary>The entries: one manifest per platform (or nested indexes).</summary>
    [JsonPropertyName("manifests")] public required IReadOnlyList<Descriptor> Manifests { get; init; }

    /// <summary>The manifest this one refers to (OCI 1.1 referrers).</summary>
    [JsonPropertyName("subject")] public Descriptor? Subject { get; init; }

    /// <summary>Annotations, written sorted by key.</summary>
    [JsonPropertyName("annotations")]
    [JsonConverter(typeof(SortedStringMapConverter))]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
