using System.Text;
using System.Text.Json;
using Hull.Oci.References;

namespace Hull.Oci.Signatures;

/// <summary>
/// cosign's simple signing payload: what a signature signs. <c>critical.image.docker-manifest-digest</c> binds it to one
/// image; <c>critical.identity.docker-reference</c> names the repository it was signed in (cosign ignores it when
/// verifying, so signatures survive relocation); <c>optional</c> holds free annotations.
/// </summary>
public sealed record SimpleSigningPayload
{
    /// <summary>The media type of a payload layer.</summary>
    public const string MediaType = "application/vnd.dev.cosign.simplesigning.v1+json";

    /// <summary>The <c>critical.type</c> of a cosign image signature.</summary>
    public const string SignatureType = "cosign container image signature";

    /// <summary>Payloads larger than this are not read (a real one is a few hundred bytes).</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary><c>critical.identity.docker-reference</c>.</summary>
    public required string DockerReference { get; init; }

    /// <summary><c>critical.image.docker-manifest-digest</c>, as written (may not be a valid digest).</summary>
    public required string ManifestDigest { get; init; }

    /// <summary><c>critical.type</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>optional</c>: string values as they are, other values as their JSON text; null when absent or null.</summary>
    public IReadOnlyDictionary<string, string>? Optional { get; init; }

    /// <summary>
    /// The exact bytes cosign signs for <paramref name="dockerReference"/> and <paramref name="digest"/>: Go's
    /// <c>json.Marshal</c> of the payload, keys in struct order, <c>optional</c> sorted (or <c>null</c>), no final newline.
    /// </summary>
    public static byte[] Create(string dockerReference, Digest digest, IReadOnlyDictionary<string, string>? optional = null)
    {
        ArgumentNullException.ThrowIfNull(dockerReference);
        ArgumentNullException.ThrowIfNull(digest);
        var json = new StringBuilder(256);
        json.Append("{\"critical\":{\"identity\":{\"docker-reference\":");
        GoJsonText.AppendString(json, dockerReference);
        json.Append("},\"image\":{\"docker-manifest-digest\":");
        GoJsonText.AppendString(json, digest.ToString());
        json.Append("},\"type\":");
        GoJsonText.AppendString(json, SignatureType);
        json.Append("},\"optional\":");
        if (optional is null)
            json.Append("null");
        else
        {
            json.Append('{');
            bool first = true;
            // Go sorts map keys by their UTF-8 bytes.
            foreach (var (key, value) in optional.OrderBy(p => Encoding.UTF8.GetBytes(p.Key), ByteOrder.Instance))
            {
                if (!first)
                    json.Append(',');
                first = false;
                GoJsonText.AppendString(json, key);
                json.Append(':');
                GoJsonText.AppendString(json, value);
            }
            json.Append('}');
        }
        json.Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>
    /// Parses payload bytes. Keys match as Go's decoder matches them (exact or case-insensitive); a key given twice in
    /// <c>critical</c> is refused rather than guessed. Throws <see cref="SigningException"/> saying what is wrong.
    /// </summary>
    public static SimpleSigningPayload Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
            throw new SigningException($"payload of {bytes.Length} bytes is larger than the {MaxBytes} byte limit");
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            var critical = Member(root, "critical", "payload");
            var identity = Member(critical, "identity", "critical");
            var image = Member(critical, "image", "critical");
            return new SimpleSigningPayload
            {
                DockerReference = Text(identity, "docker-reference", "critical.identity", required: false) ?? "",
                ManifestDigest = Text(image, "docker-manifest-digest", "critical.image", required: true)!,
                Type = Text(critical, "type", "critical", required: true)!,
                Optional = OptionalOf(root),
            };
        }
        catch (JsonException e)
        {
            throw new SigningException($"payload is not JSON: {e.Message}", e);
        }
    }

    private static JsonElement Member(JsonElement parent, string name, string where)
    {
        if (parent.ValueKind != JsonValueKind.Object)
            throw new SigningException($"payload: {where} is not a JSON object");
        return Find(parent, name, where) is { } found && found.ValueKind == JsonValueKind.Object
            ? found
            : throw new SigningException($"payload: {where}.{name} is missing or not an object");
    }

    private static string? Text(JsonElement parent, string name, string where, bool required)
    {
        if (Find(parent, name, where) is not { } found || found.ValueKind == JsonValueKind.Null)
            return required ? throw new SigningException($"payload: {where}.{name} is missing") : null;
        return found.ValueKind == JsonValueKind.String
            ? found.GetString()
            : throw new SigningException($"payload: {where}.{name} is not a string");
    }

    private static JsonElement? Find(JsonElement parent, string name, string where)
    {
        JsonElement? found = null;
        foreach (var property in parent.EnumerateObject())
        {
            if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                continue;
            if (found is not null)
                throw new SigningException($"payload: {where}.{name} is given more than once");
            found = property.Value;
        }
        return found;
    }

    private static Dictionary<string, string>? OptionalOf(JsonElement root)
    {
        if (Find(root, "optional", "payload") is not { ValueKind: JsonValueKind.Object } optional)
            return null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in optional.EnumerateObject())
            values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        return values;
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
