using System.Text.Json;
using Hull.Yaml;

namespace Hull.Images.Output;

/// <summary>
/// JSON as Go's encoding/json reads and writes it for kbld's <c>json</c> update strategy: objects decode to
/// generic maps (numbers to float64) and encode compactly with sorted keys and HTML-safe escapes.
/// </summary>
public static class GoJson
{
    /// <summary>Parses JSON text into YAML nodes; false when it is not one valid JSON value.</summary>
    public static bool TryParse(string text, out object? value)
    {
        value = null;
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = NestingLimit.MaxDepth });
            value = Convert(doc.RootElement);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static object? Convert(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => ConvertObject(e),
        JsonValueKind.Array => new YamlArray(e.EnumerateArray().Select(i => new ArrayItem(Convert(i)))),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetDouble(out double d) && double.IsFinite(d) ? d : throw new FormatException("number out of float64 range"),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static Map ConvertObject(JsonElement e)
    {
        var map = new Map();
        foreach (var p in e.EnumerateObject())
        {
            // Go keeps the last of duplicate keys.
            map.Items.RemoveAll(i => (string?)i.Key == p.Name);
            map.Items.Add(new MapItem(p.Name, Convert(p.Value)));
        }
        return map;
    }

    /// <summary>
    /// encoding/json's Marshal of a value decoded into Go's generic types: keys as their text, numbers through
    /// float64 (<see cref="GoYaml.Normalise"/>), then Hull.Yaml's Go-compatible JSON writer.
    /// </summary>
    public static string Emit(object? value) => JsonEmitter.Emit(GoYaml.Normalise(value));
}
