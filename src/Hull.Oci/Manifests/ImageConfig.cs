using System.Text.Json.Serialization;

namespace Hull.Oci.Manifests;

/// <summary>The parts of an image config Hull reads and writes: platform, labels, rootfs, history.</summary>
public sealed record ImageConfig
{
    /// <summary>The label imgpkg sets on a bundle's config.</summary>
    public const string BundleLabel = "dev.carvel.imgpkg.bundle";

    /// <summary>CPU architecture.</summary>
    [JsonPropertyName("architecture")] public string Architecture { get; init; } = "";

    /// <summary>Creation time (RFC 3339), kept as text so round trips are exact.</summary>
    [JsonPropertyName("created")] public string? Created { get; init; }

    /// <summary>Build history.</summary>
    [JsonPropertyName("history")] public IReadOnlyList<HistoryEntry>? History { get; init; }

    /// <summary>Operating system.</summary>
    [JsonPropertyName("os")] public string Os { get; init; } = "";

    /// <summary>Layer diff ids.</summary>
    [JsonPropertyName("rootfs")] public RootFs RootFs { get; init; } = new();

    /// <summary>Runtime configuration, including labels.</summary>
    [JsonPropertyName("config")] public ContainerConfig Config { get; init; } = new();

    /// <summary>CPU variant.</summary>
    [JsonPropertyName("variant")] public string? Variant { get; init; }

    /// <summary>True when the config carries imgpkg's bundle label.</summary>
    [JsonIgnore]
    public bool IsBundle => Config.Labels?.ContainsKey(BundleLabel) == true;
}

/// <summary>The runtime part of an image config.</summary>
public sealed record ContainerConfig
{
    /// <summary>User to run as.</summary>
    [JsonPropertyName("User")] public string? User { get; init; }

    /// <summary>Environment, <c>NAME=value</c>.</summary>
    [JsonPropertyName("Env")] public IReadOnlyList<string>? Env { get; init; }

    /// <summary>Entrypoint.</summary>
    [JsonPropertyName("Entrypoint")] public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Default command.</summary>
    [JsonPropertyName("Cmd")] public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>Working directory.</summary>
    [JsonPropertyName("WorkingDir")] public string? WorkingDir { get; init; }

    /// <summary>Labels, written sorted by key.</summary>
    [JsonPropertyName("Labels")]
    [JsonConverter(typeof(SortedStringMapConverter))]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>The layer diff ids of an image config.</summary>
public sealed record RootFs
{
    /// <summary>Always <c>layers</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "layers";

    /// <summary>Digests of the uncompressed layers, base first.</summary>
    [JsonPropertyName("diff_ids")] public IReadOnlyList<string> DiffIds { get; init; } = [];
}

/// <summary>One history entry of an image config.</summary>
public sealed record HistoryEntry
{
    /// <summary>Creation time (RFC 3339).</summary>
    [JsonPropertyName("created")] public string? Created { get; init; }

    /// <summary>The command that made the layer.</summary>
    [JsonPropertyName("created_by")] public string? CreatedBy { get; init; }

    /// <summary>Author.</summary>
    [JsonPropertyName("author")] public string? Author { get; init; }

    /// <summary>Comment.</summary>
    [JsonPropertyName("comment")] public string? Comment { get; init; }

    /// <summary>True when the step made no layer.</summary>
    [JsonPropertyName("empty_layer")] public bool? EmptyLayer { get; init; }
}
