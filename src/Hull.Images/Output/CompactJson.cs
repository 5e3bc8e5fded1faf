using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Hull.Yaml;

namespace Hull.Images.Output;

/// <summary>Writes a YAML node as compact JSON, keys in document order (for json updateStrategy values).</summary>
public static class CompactJson
{
    /// <summary>The JSON text of <paramref name="value"/>.</summary>
    public static string Emit(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, value);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case Map map:
                writer.WriteStartObject();
                foreach (var item in map.Items)
                {
                    writer.WritePropertyName(Convert.ToString(item.Key, CultureInfo.InvariantCulture) ?? "null");
                    Write(writer, item.Value);
                }
                writer.WriteEndObject();
                break;
            case YamlArray array:
                writer.WriteStartArray();
                foreach (var item in array.Items)
                {
                    Write(writer, item.Value);
                }
                writer.WriteEndArray();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
