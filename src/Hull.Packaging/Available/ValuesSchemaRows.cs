using Hull.Yaml;

namespace Hull.Packaging.Available;

/// <summary>One configurable value of a package, as <c>tanzu package available get --values-schema</c> lists it.</summary>
/// <param name="Key">The dotted path, with <c>[]</c> for list items, e.g. <c>envoy.service.annotations</c>.</param>
/// <param name="Type">The OpenAPI type (object, array, string, integer, number, boolean), or empty when unspecified.</param>
/// <param name="Default">The default as text (scalars as written, maps and lists as JSON), or empty.</param>
/// <param name="Description">The description, or empty.</param>
public sealed record ValuesSchemaRow(string Key, string Type, string Default, string Description);

/// <summary>Flattens a Package's <c>valuesSchema.openAPIv3</c> into one row per property, in schema order.</summary>
public static class ValuesSchemaRows
{
    /// <summary>The rows of <paramref name="openApi"/> (Hull.Yaml values); empty when there is no schema.</summary>
    public static IReadOnlyList<ValuesSchemaRow> From(object? openApi)
    {
        var rows = new List<ValuesSchemaRow>();
        if (openApi is Map schema)
        {
            Walk(schema, "", rows, depth: 0);
        }
        return rows;
    }

    private static void Walk(Map schema, string prefix, List<ValuesSchemaRow> rows, int depth)
    {
        // Schemas are data from a repository: bound the depth rather than trust it.
        if (depth > 64)
        {
            return;
        }
        if (schema.Find("properties")?.Value is Map properties)
        {
            foreach (var item in properties.Items)
            {
                string key = prefix.Length == 0 ? GoFormat.PercentS(item.Key) : $"{prefix}.{GoFormat.PercentS(item.Key)}";
                if (item.Value is not Map property)
                {
                    continue;
                }
                rows.Add(new ValuesSchemaRow(key, Text(property.Find("type")?.Value), Default(property.Find("default")), Text(property.Find("description")?.Value)));
                Walk(property, key, rows, depth + 1);
            }
        }
        if (schema.Find("items")?.Value is Map items)
        {
            Walk(items, prefix + "[]", rows, depth + 1);
        }
    }

    private static string Default(MapItem? item) => item is null ? "" : item.Value switch
    {
        null => "null",
        Map or YamlArray => JsonEmitter.Emit(item.Value),
        var scalar => Text(scalar),
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        _ => YamlEmitter.FormatScalar(value),
    };
}
