using System.Text.Json.Serialization;

namespace Hull.Oci.Manifests;

/// <summary>The platform an index entry runs on.</summary>
public sealed record Platform
{
    /// <summary>CPU architecture, e.g. <c>amd64</c>.</summary>
    [JsonPropertyName("architecture")] public required string Architecture { get; init; }

    /// <summary>Operating system, e.g. <c>linux</c>.</summary>
    [JsonPropertyName("os")] public required string Os { get; init; }

    /// <summary>Operating system version.</summary>
    [JsonPropertyName("os.version")] public string? OsVersion { get; init; }

    /// <summary>Required operating system features.</summary>
    [JsonPropertyName("os.features")] public IReadOnlyList<string>? OsFeatures { get; init; }

    /// <summary>CPU variant, e.g. <c>v8</c>.</summary>
    [JsonPropertyName("variant")] public string? Variant { get; init; }

    /// <summary>Required CPU features.</summary>
    [JsonPropertyName("features")] public IReadOnlyList<string>? Features { get; init; }

    /// <summary><c>os/architecture[/variant]</c>.</summary>
    public override string ToString() => Os + "/" + Architecture + (Variant is null ? "" : "/" + Variant);
}
