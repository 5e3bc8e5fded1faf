using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Hull.Yaml;

namespace Hull.Packaging.Admission;

/// <summary>
/// The first error the API server meets decoding a built-in object into its Go type, before any validation: a value
/// of the wrong JSON type (<c>json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of
/// type int32</c>), a quantity that does not parse. Like the server's decoder (sigs.k8s.io/json), fields match
/// case-sensitively, unknown fields are dropped unchecked, null is every type's zero value, and the error names the
/// innermost struct and the path of struct fields (no map keys, no indices); the first in document order wins.
/// </summary>
public static partial class BuiltInDecoding
{
    private const string QuantityRule = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    private static readonly HashSet<string> QuantitySuffixes = new(StringComparer.Ordinal)
    {
        "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k", "M", "G", "T", "P", "E",
    };

    /// <summary>
    /// The server's message for <paramref name="document"/> (<c>Deployment in version "v1" cannot be handled as a
    /// Deployment: …</c>), or null when it decodes.
    /// </summary>
    public static string? Problem(Map document, BuiltInKind kind)
    {
        string? error = Decode(document, kind.Schema, StructName(kind.Schema.Definition!), "");
        return error is null ? null : $"{kind.Kind} in version \"{kind.Version}\" cannot be handled as a {kind.Kind}: {error}";
    }

    private static string? Decode(object? value, ApiSchema schema, string structName, string field)
    {
        if (value is null)
        {
            return null;
        }
        switch (schema.Definition)
        {
            case "io.k8s.apimachinery.pkg.api.resource.Quantity":
                return QuantityProblem(value);
            case "io.k8s.apimachinery.pkg.runtime.RawExtension" or "io.k8s.apimachinery.pkg.runtime.RawExtension_v2" or "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1":
                return null; // kept as raw JSON
        }
        if (schema.IntOrString)
        {
            return value is string || IsInteger(value, 32) ? null : Mismatch(value, structName, field, "int32");
        }
        switch (schema.Type)
        {
            case null:
                return null;
            case "string":
                if (value is not string text)
                {
                    return Mismatch(value, structName, field, schema.Format == "byte" ? "[]uint8" : "string");
                }
                return schema.Format == "byte" ? Base64Problem(text) : null;
            case "boolean":
                return value is bool ? null : Mismatch(value, structName, field, "bool");
            case "integer":
                int bits = schema.Format == "int32" ? 32 : 64;
                return IsInteger(value, bits) ? null : Mismatch(value, structName, field, bits == 32 ? "int32" : "int64");
            case "number":
                return value is long or double or BigInteger ? null : Mismatch(value, structName, field, "float64");
            case "array":
                if (value is not YamlArray array)
                {
                    return Mismatch(value, structName, field, GoType(schema));
                }
                foreach (var item in array.Items)
                {
                    if (schema.Items is not null && Decode(item.Value, schema.Items, structName, field) is { } error)
                    {
                        return error;
                    }
                }
                return null;
            case "object":
                if (value is not Map map)
                {
                    return Mismatch(value, structName, field, GoType(schema));
                }
                string inner = schema.Properties is not null && schema.Definition is not null ? StructName(schema.Definition) : structName;
                foreach (var item in map.Items)
                {
                    string key = item.Key as string ?? Convert.ToString(item.Key, CultureInfo.InvariantCulture) ?? "";
                    if (schema.Properties is not null && schema.Properties.TryGetValue(key, out var property))
                    {
                        if (Decode(item.Value, property, inner, field.Length == 0 ? key : $"{field}.{key}") is { } error)
                        {
                            return error;
                        }
                    }
                    else if (schema.Properties is null && schema.AdditionalProperties is { } values && Decode(item.Value, values, structName, field) is { } error)
                    {
                        return error;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static bool IsInteger(object value, int bits) => value switch
    {
        long l => bits == 64 || l is >= int.MinValue and <= int.MaxValue,
        double d => d == Math.Floor(d) && (bits == 64 ? Math.Abs(d) < 9.2e18 : d is >= int.MinValue and <= int.MaxValue),
        _ => false,
    };

    // encoding/json's UnmarshalTypeError: the JSON kind ("number 1.5" when a number does not fit the integer type).
    private static string Mismatch(object value, string structName, string field, string goType)
    {
        string json = value switch
        {
            string => "string",
            bool => "bool",
            Map => "object",
            YamlArray => "array",
            long or double or BigInteger when goType is "int32" or "int64" => "number " + Number(value),
            _ => "number",
        };
        return field.Length == 0
            ? $"json: cannot unmarshal {json} into Go value of type {goType}"
            : $"json: cannot unmarshal {json} into Go struct field {structName}.{field} of type {goType}";
    }

    private static string Number(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string GoType(ApiSchema schema)
    {
        if (schema.Definition is { } definition && schema.Properties is not null)
        {
            var parts = definition.Split('.');
            return $"{parts[^2]}.{StructName(definition)}";
        }
        return schema.Type switch
        {
            "array" => "[]" + (schema.Items is null ? "interface {}" : GoType(schema.Items)),
            "object" when schema.AdditionalProperties is { } values => "map[string]" + GoType(values),
            "object" => "map[string]interface {}",
            "string" => schema.Format == "byte" ? "[]uint8" : "string",
            "integer" => schema.Format == "int32" ? "int32" : "int64",
            "number" => "float64",
            "boolean" => "bool",
            _ => "interface {}",
        };
    }

    private static string StructName(string definition)
    {
        string name = definition[(definition.LastIndexOf('.') + 1)..];
        return name.EndsWith("_v2", StringComparison.Ordinal) ? name[..^3] : name;
    }

    // resource.ParseQuantity: numbers are taken as they are; a string must be a number and a known suffix.
    private static string? QuantityProblem(object value)
    {
        if (value is long or double or BigInteger)
        {
            return null;
        }
        if (value is not string text)
        {
            return QuantityRule;
        }
        var match = QuantityPattern().Match(text);
        if (!match.Success)
        {
            return QuantityRule;
        }
        if (match.Groups[1].Value.Count(c => c == '.') > 1)
        {
            return "unable to parse numeric part of quantity";
        }
        string suffix = match.Groups[2].Value;
        return QuantitySuffixes.Contains(suffix) || ExponentPattern().IsMatch(suffix) ? null : "unable to parse quantity's suffix";
    }

    // encoding/base64's StdEncoding, as []byte fields decode: the offset where it gives up (a byte outside the alphabet,
    // padding too short or followed by more, or a last quantum cut short, reported at its start).
    private static string? Base64Problem(string text)
    {
        text = text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '=')
            {
                int inQuantum = i % 4;
                if (inQuantum < 2)
                {
                    return $"illegal base64 data at input byte {i}";
                }
                int end = inQuantum == 2 ? i + 2 : i + 1;
                if (inQuantum == 2 && (i + 1 >= text.Length || text[i + 1] != '='))
                {
                    return $"illegal base64 data at input byte {Math.Min(i + 1, text.Length)}";
                }
                return end == text.Length ? null : $"illegal base64 data at input byte {end}";
            }
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/'))
            {
                return $"illegal base64 data at input byte {i}";
            }
        }
        return text.Length % 4 == 0 ? null : $"illegal base64 data at input byte {text.Length - (text.Length % 4)}";
    }

    [GeneratedRegex(@"^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)\z")]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"^[eE][-+]?[0-9]+\z")]
    private static partial Regex ExponentPattern();
}
