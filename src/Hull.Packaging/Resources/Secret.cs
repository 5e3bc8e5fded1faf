using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources;

/// <summary>
/// A core <c>v1</c> Secret, as kapp-controller reads values from it: a PackageInstall's <c>values[].secretRef</c>
/// names the Secret, each key (e.g. <c>values.yml</c>) holds a data values file. Never print its contents.
/// </summary>
public sealed record Secret : IResource
{
    /// <summary>The key tanzu and kctrl store a values file under.</summary>
    public const string ValuesKey = "values.yml";

    /// <inheritdoc/>
    public string ApiVersion => ResourceKinds.CoreV1;

    /// <inheritdoc/>
    public string Kind => ResourceKinds.Secret;

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The Secret type; <c>Opaque</c> for values.</summary>
    public string? Type { get; init; }

    /// <summary>Binary data (base64 in YAML).</summary>
    public IReadOnlyDictionary<string, byte[]>? Data { get; init; }

    /// <summary>Plain-text data, merged into <see cref="Data"/> by the API server.</summary>
    public IReadOnlyDictionary<string, string>? StringData { get; init; }

    /// <summary>Whether the Secret may never change.</summary>
    public bool? Immutable { get; init; }

    /// <summary>A values Secret as <c>tanzu package install --values-file</c> creates it: Opaque, one key per values file.</summary>
    public static Secret ForValues(string name, string? @namespace, IReadOnlyDictionary<string, string> files) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = @namespace },
        Type = "Opaque",
        StringData = new SortedDictionary<string, string>(files.ToDictionary(), StringComparer.Ordinal),
    };

    /// <summary>Every key's content as text: <see cref="Data"/> (UTF-8) overlaid by <see cref="StringData"/>, as the API server merges them.</summary>
    public IReadOnlyDictionary<string, string> Contents()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, bytes) in Data ?? new Dictionary<string, byte[]>())
        {
            result[key] = System.Text.Encoding.UTF8.GetString(bytes);
        }
        foreach (var (key, text) in StringData ?? new Dictionary<string, string>())
        {
            result[key] = text;
        }
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Secret {Metadata.Namespace}/{Metadata.Name} ({Contents().Count} keys, contents hidden)";

    internal static ObjectCodec<Secret> Codec { get; } = new ObjectCodec<Secret>(() => new())
        .Constant("apiVersion", ResourceKinds.CoreV1)
        .Constant("kind", ResourceKinds.Secret)
        .Field("metadata", x => x.Metadata, (x, v) => x with { Metadata = v ?? new() }, ObjectMeta.Codec)
        .Field("type", x => x.Type, (x, v) => x with { Type = v }, ScalarCodecs.String)
        .Field("data", x => x.Data, (x, v) => x with { Data = v }, CollectionCodecs.BytesMap)
        .Field("stringData", x => x.StringData, (x, v) => x with { StringData = v }, CollectionCodecs.StringMap)
        .Field("immutable", x => x.Immutable, (x, v) => x with { Immutable = v }, ScalarCodecs.OptionalBool);
}
