using System.Globalization;
using Hull.Packaging.Rendering;
using Hull.Yaml;

namespace Hull.Packaging.Installing;

/// <summary>
/// Checks an install's values against a Package's <c>valuesSchema.openAPIv3</c> before anything is rendered: the
/// OpenAPI v3 subset ytt exports (type, properties, additionalProperties, items, nullable, enum). Values files are
/// merged in order as ytt merges plain data values (maps deeply, everything else replaced).
/// </summary>
public static class ValuesSchemaValidator
{
    /// <summary>Every problem, one line each (<c>key.path: expected integer, got string</c>); empty when the values fit.</summary>
    public static IReadOnlyList<string> Validate(object? schema, IReadOnlyList<PackageValues> values)
    {
        if (schema is not Map root)
        {
            return [];
        }
        var problems = new List<string>();
        object? merged = null;
        foreach (var value in values)
        {
            if (value.Text.Contains("#@", StringComparison.Ordinal))
            {
                continue; // a ytt values template: ytt checks it against the schema itself
            }
            try
            {
                foreach (var doc in YamlParser.Parse(value.Text, value.Name, new YamlParseOptions { WithoutComments = true }).Items.Where(d => !d.IsEmpty))
                {
                    merged = Merge(merged, doc.Value);
                }
            }
            catch (YamlException ex)
            {
                problems.Add($"{value.Name}: not valid YAML: {ex.Message}");
            }
        }
        if (merged is not null)
        {
            Check(root, merged, "", problems);
        }
        return problems;
    }

    private static object? Merge(object? left, object? right)
    {
        if (left is Map l && right is Map r)
        {
            var result = new Map(l.Items.Select(i => new MapItem(i.Key, i.Value)));
            foreach (var item in r.Items)
            {
                var existing = result.Items.FirstOrDefault(i => Map.KeyEquals(i.Key, item.Key));
                if (existing is null)
                {
                    result.Items.Add(new MapItem(item.Key, item.Value));
                }
                else
                {
                    existing.Value = Merge(existing.Value, item.Value);
                }
            }
            return result;
        }
        return right;
    }

    private static void Check(Map schema, object? value, string path, List<string> problems)
    {
        string where = path.Length == 0 ? "values" : path;
        if (value is null)
        {
            return; // ytt fills a null in from the schema's default
        }
        if (schema.Find("enum")?.Value is YamlArray allowed && !allowed.Items.Any(a => Equals(a.Value?.ToString(), value.ToString())))
        {
            problems.Add($"{where}: {Describe(value)} is not one of {string.Join(", ", allowed.Items.Select(a => a.Value))}");
            return;
        }
        string? type = schema.Find("type")?.Value as string;
        bool fits = type switch
        {
            null => true,
            "object" => value is Map,
            "array" => value is YamlArray,
            "string" => value is string,
            "integer" => value is int or long or System.Numerics.BigInteger,
            "number" => value is int or long or double or float or decimal or System.Numerics.BigInteger,
            "boolean" => value is bool,
            _ => true,
        };
        if (!fits)
        {
            problems.Add($"{where}: expected {type}, got {Kind(value)} ({Describe(value)})");
            return;
        }
        if (value is Map map)
        {
            var properties = schema.Find("properties")?.Value as Map;
            bool closed = schema.Find("additionalProperties")?.Value is false;
            var additional = schema.Find("additionalProperties")?.Value as Map;
            foreach (var item in map.Items)
            {
                string key = Convert.ToString(item.Key, CultureInfo.InvariantCulture) ?? "";
                string child = path.Length == 0 ? key : $"{path}.{key}";
                if (properties?.Find(key)?.Value is Map property)
                {
                    Check(property, item.Value, child, problems);
                }
                else if (additional is not null)
                {
                    Check(additional, item.Value, child, problems);
                }
                else if (closed && properties is { Items.Count: > 0 })
                {
                    problems.Add($"{child}: not in the package's values schema{(properties is null ? "" : $" (known: {string.Join(", ", properties.Items.Select(i => i.Key))})")}");
                }
            }
        }
        else if (value is YamlArray array && schema.Find("items")?.Value is Map items)
        {
            for (int i = 0; i < array.Items.Count; i++)
            {
                Check(items, array.Items[i].Value, $"{where}[{i}]", problems);
            }
        }
    }

    private static string Kind(object value) => value switch
    {
        Map => "map",
        YamlArray => "array",
        string => "string",
        bool => "boolean",
        int or long or System.Numerics.BigInteger => "integer",
        double or float or decimal => "number",
        _ => value.GetType().Name,
    };

    private static string Describe(object value) => value switch
    {
        Map => "a map",
        YamlArray => "an array",
        string s => $"\"{(s.Length > 40 ? s[..40] + "…" : s)}\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
