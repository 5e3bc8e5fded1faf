using System.Text.Json.Nodes;
using Hull.Yaml;

namespace Hull.Packaging.Tests.Schemas;

/// <summary>Builds a document that sets every field a schema defines, so a round trip proves each one is modelled.</summary>
internal static class SchemaSamples
{
    public static object? Full(JsonObject schema, string name = "root")
    {
        if (schema["const"] is JsonValue constant)
        {
            return constant.GetValue<string>();
        }
        string? type = schema["type"] switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonArray a => a.Select(t => t!.GetValue<string>()).First(t => t != "null"),
            _ => null,
        };
        switch (type)
        {
            case "object":
                var map = new Map();
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (key, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        map.Items.Add(new MapItem(key, Full(value!.AsObject(), key)));
                    }
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    map.Items.Add(new MapItem($"{name}-key", Full(additional, name)));
                }
                else
                {
                    map.Items.Add(new MapItem("free-form", new Map([new MapItem("nested", "value")])));
                }
                return map;
            case "array":
                return new YamlArray([new ArrayItem(Full(schema["items"]!.AsObject(), name))]);
            case "boolean":
                return true;
            case "integer":
                return 1L;
            case "string":
                return schema["format"]?.GetValue<string>() == "date-time" ? "2021-05-05T18:57:06Z"
                    : schema["pattern"] is not null ? "eA=="
                    : $"{name}-value";
            default:
                throw new InvalidOperationException($"no sample for schema of {name}: {schema.ToJsonString()}");
        }
    }
}
