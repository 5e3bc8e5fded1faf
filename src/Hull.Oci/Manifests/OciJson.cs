using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Hull.Oci.Manifests;

/// <summary>Canonical JSON for OCI documents: compact, nulls omitted, maps sorted, no needless escaping.</summary>
public static class OciJson
{
    internal static readonly OciJsonContext Context = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    });

    /// <summary>The canonical bytes of an image manifest.</summary>
    public static byte[] Serialize(ImageManifest manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, Context.ImageManifest);

    /// <summary>The canonical bytes of an index.</summary>
    public static byte[] Serialize(ImageIndex index) => JsonSerializer.SerializeToUtf8Bytes(index, Context.ImageIndex);

    /// <summary>The canonical bytes of an image config.</summary>
    public static byte[] Serialize(ImageConfig config) => JsonSerializer.SerializeToUtf8Bytes(config, Context.ImageConfig);

    /// <summary>Parses an image config, naming <paramref name="what"/> in the error.</summary>
    public static ImageConfig ParseConfig(ReadOnlySpan<byte> json, string what) => Parse(json, Context.ImageConfig, what);

    internal static T Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> info, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, info) ?? throw new OciException($"{what}: empty JSON document");
        }
        catch (JsonException e)
        {
            throw new OciException($"{what}: invalid JSON: {e.Message}", e);
        }
    }
}
