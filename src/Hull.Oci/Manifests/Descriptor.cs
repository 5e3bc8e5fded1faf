using System.Text.Json.Serialization;
using Hull.Oci.References;

namespace Hull.Oci.Manifests;

/// <summary>A content descriptor: what a manifest, config or layer is, its digest and size.</summary>
public sealed record Descriptor
{
    /// <summary>The media type of the referenced content.</summary>
    [JsonPropertyName("mediaType")] public required string MediaType { get; init; }

    /// <summary>The size in bytes of the referenced content.</summary>
    [JsonPropertyName("size")] public required long Size { get; init; }

    /// <summary>The digest of the referenced content.</summary>
    [JsonPropertyName("digest")] public required Digest Digest { get; init; }

    /// <summary>Alternative download locations (foreign layers).</summary>
    [JsonPropertyName("urls")] public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>Annotations, written sorted by key.</summary>
    [JsonPropertyName("annotations")]
    [JsonConverter(typeof(SortedStringMapConverter))]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The platform of an index entry.</summary>
    [JsonPropertyName("platform")] public Platform? Platform { get; init; }

    /// <summary>The artifact type of an artifact manifest entry.</summary>
    [JsonPropertyName("artifactType")] public string? ArtifactType { get; init; }

    /// <summary>A descriptor for <paramref name="content"/> with the given media type.</summary>
    public static Descriptor For(string mediaType, ReadOnlySpan<byte> content) =>
        new() { MediaType = mediaType, Size = content.Length, Digest = Digest.Compute(content) };

    /// <summary>Equality ignores collection identity: same type, digest, size and platform.</summary>
    public bool Equals(Descriptor? other) =>
        other is not null && MediaType == other.MediaType && Size == other.Size && Digest == other.Digest
        && Equals(Platform, other.Platform);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(MediaType, Size, Digest);
}
