using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hull.Oci.Manifests;

/// <summary>Reads a string map and writes it sorted by key (ordinal), as Go does, so output is deterministic.</summary>
public sealed class SortedStringMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("expected an object of strings");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            reader.Read();
            map[key] = reader.TokenType == JsonTokenType.Null ? "" : reader.GetString() ?? "";
        }
        return map;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var pair in value.OrderBy(p => p.Key, StringComparer.Ordinal))
            writer.WriteString(pair.Key, pair.Value);
        writer.WriteEndObject();
    }
}
