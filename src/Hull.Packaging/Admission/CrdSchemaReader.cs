using System.Globalization;
using System.Numerics;
using Hull.Yaml;

namespace Hull.Packaging.Admission;

/// <summary>Reads a CRD version's <c>openAPIV3Schema</c> (YAML) into an <see cref="ApiSchema"/>.</summary>
public static class CrdSchemaReader
{
    /// <summary>The schema of <paramref name="node"/>; a node that is not a map reads as an empty schema (no constraint).</summary>
    public static ApiSchema Read(object? node)
    {
        var schema = new ApiSchema();
        if (node is not Map map)
        {
            return schema;
        }
        foreach (var item in map.Items)
        {
            switch (item.Key as string)
            {
                case "type":
                    schema.Type = item.Value as string;
                    break;
                case "format":
                    schema.Format = item.Value as string;
                    break;
                case "properties" when item.Value is Map properties:
                    schema.Properties = new Dictionary<string, ApiSchema>(StringComparer.Ordinal);
                    foreach (var property in properties.Items)
                    {
                        schema.Properties[Convert.ToString(property.Key, CultureInfo.InvariantCulture) ?? ""] = Read(property.Value);
                    }
                    break;
                case "additionalProperties" when item.Value is Map:
                    schema.AdditionalProperties = Read(item.Value);
                    break;
                case "items":
                    schema.Items = Read(item.Value);
                    break;
                case "required" when item.Value is YamlArray required:
                    schema.Required = required.Items.Select(r => r.Value as string).OfType<string>().ToList();
                    break;
                case "nullable":
                    schema.Nullable = item.Value is true;
                    break;
                case "enum" when item.Value is YamlArray values:
                    schema.Enum = values.Items.Select(v => v.Value).ToList();
                    break;
                case "minimum":
                    schema.Minimum = Number(item.Value);
                    break;
                case "maximum":
                    schema.Maximum = Number(item.Value);
                    break;
                case "exclusiveMinimum":
                    schema.ExclusiveMinimum = item.Value is true;
                    break;
                case "exclusiveMaximum":
                    schema.ExclusiveMaximum = item.Value is true;
                    break;
                case "minLength":
                    schema.MinLength = item.Value as long?;
                    break;
                case "maxLength":
                    schema.MaxLength = item.Value as long?;
                    break;
                case "minItems":
                    schema.MinItems = item.Value as long?;
                    break;
                case "maxItems":
                    schema.MaxItems = item.Value as long?;
                    break;
                case "pattern":
                    schema.Pattern = item.Value as string;
                    break;
                case "x-kubernetes-int-or-string":
                    schema.IntOrString = item.Value is true;
                    break;
                case "x-kubernetes-preserve-unknown-fields":
                    schema.PreserveUnknownFields = item.Value is true;
                    break;
                case "x-kubernetes-embedded-resource":
                    schema.EmbeddedResource = item.Value is true;
                    break;
            }
        }
        return schema;
    }

    /// <summary>A YAML number as a double (null for anything else).</summary>
    public static double? Number(object? value) => value switch
    {
        long l => l,
        double d => d,
        BigInteger b => (double)b,
        _ => null,
    };
}
