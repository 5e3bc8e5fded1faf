using System.Text.Json.Serialization;

namespace Hull.Oci.Layout;

/// <summary>The <c>oci-layout</c> file that marks a directory as an OCI image layout.</summary>
internal sealed record LayoutMarker
{
    [JsonPropertyName("imageLayoutVersion")] public string? ImageLayoutVersion { get; init; }
}
