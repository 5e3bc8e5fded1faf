using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Hull.Yaml;

namespace Hull.Packaging.Admission;

/// <summary>
/// The API server's validation of a custom resource against its CRD version's structural schema, in its words: name,
/// labels, then types, required fields, bounds, lengths, patterns (sorted by path), then enums. Fields the schema does
/// not know are pruned silently, as the server prunes them, and so are nulls in objects (not nullable ones in arrays).
/// </summary>
public static class CustomResourceValidation
{
    private static readonly HashSet<string> ObjectFields = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata" };

    /// <summary>The field errors of <paramref name="document"/> against <paramref name="schema"/>; empty when valid.</summary>
    public static IReadOnlyList<FieldError> Validate(Map document, string group, string kind, ApiSchema schema)
    {
        var errors = new List<FieldError>();
        var metadata = document.Find("metadata")?.Value as Map;
        errors.AddRange(ObjectNames.Check(group, kind, metadata?.Find("name")?.Value as string ?? (metadata?.Find("generateName")?.Value is string ? "x" : null)));
        if (metadata?.Find("labels")?.Value is Map labels)
        {
            foreach (var item in labels.Items)
            {
                errors.AddRange(LabelRules.Key(Convert.ToString(item.Key, CultureInfo.InvariantCulture) ?? "", "metadata.labels"));
                if (item.Value is string value)
                {
                    errors.AddRange(LabelRules.Value(value, "metadata.labels"));
                }
            }
        }
        var body = new List<FieldError>();
        var enums = new List<FieldError>();
        Check(document, schema, "", body, enums, root: true);
        errors.AddRange(body.OrderBy(e => e.Path, StringComparer.Ordinal));
        errors.AddRange(enums);
        return errors;
    }

    private static void Check(object? value, ApiSchema schema, string path, List<FieldError> errors, List<FieldError> enums, bool root = false)
    {
        string actual = TypeOf(value);
        if (value is null && schema.Nullable)
        {
            return;
        }
        if (!Fits(actual, schema))
        {
            string expected = schema.IntOrString ? "integer,string" : schema.Type!;
            errors.Add(FieldError.Invalid(path, FieldError.Quote(actual), $"{path} in body must be of type {expected}: {FieldError.Quote(actual)}"));
            return;
        }
        if (schema.Enum is { } allowed && !allowed.Any(a => SameValue(a, value)))
        {
            enums.Add(FieldError.Unsupported(path, Show(value), allowed.Select(Show)));
        }
        Bounds(value, schema, path, errors);
        if (value is Map map)
        {
            foreach (string required in schema.Required)
            {
                // A null is pruned before validation unless the property is nullable.
                if (map.Find(required) is not { } present || (present.Value is null && schema.Property(required)?.Nullable != true))
                {
                    errors.Add(FieldError.Required(Child(path, required)));
                }
            }
            if (schema.EmbeddedResource)
            {
                return;
            }
            foreach (var item in map.Items)
            {
                string key = Convert.ToString(item.Key, CultureInfo.InvariantCulture) ?? "";
                if ((root && ObjectFields.Contains(key)) || item.Value is null)
                {
                    continue; // object fields are the server's own; nulls in objects are pruned
                }
                if (schema.Properties is not null && schema.Properties.TryGetValue(key, out var property))
                {
                    Check(item.Value, property, Child(path, key), errors, enums);
                }
                else if (schema.AdditionalProperties is { } additional)
                {
                    Check(item.Value, additional, Child(path, key), errors, enums);
                }
            }
        }
        else if (value is YamlArray array && schema.Items is { } items)
        {
            for (int i = 0; i < array.Items.Count; i++)
            {
                Check(array.Items[i].Value, items, $"{path}[{i}]", errors, enums);
            }
        }
    }

    private static bool Fits(string actual, ApiSchema schema)
    {
        if (schema.IntOrString)
        {
            return actual is "integer" or "string";
        }
        return schema.Type switch
        {
            null or "" => true,
            "number" => actual is "number" or "integer",
            _ => actual == schema.Type,
        };
    }

    private static void Bounds(object? value, ApiSchema schema, string path, List<FieldError> errors)
    {
        if (CrdSchemaReader.Number(value) is { } number)
        {
            string shown = Show(value);
            if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? number <= min : number < min))
            {
                errors.Add(FieldError.Invalid(path, shown, $"{path} in body should be greater than {(schema.ExclusiveMinimum ? "" : "or equal to ")}{Format(min)}"));
            }
            if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? number >= max : number > max))
            {
                errors.Add(FieldError.Invalid(path, shown, $"{path} in body should be less than {(schema.ExclusiveMaximum ? "" : "or equal to ")}{Format(max)}"));
            }
        }
        else if (value is string text)
        {
            // The server reports one problem per string: too long, else too short, else the pattern.
            int length = text.EnumerateRunes().Count();
            if (schema.MaxLength is { } maxLength && length > maxLength)
            {
                errors.Add(new FieldError(path, $"Too long: may not be longer than {maxLength}"));
            }
            else if (schema.MinLength is { } minLength && length < minLength)
            {
                errors.Add(FieldError.Invalid(path, FieldError.Quote(text), $"{path} in body should be at least {minLength} chars long"));
            }
            else if (schema.Pattern is { } pattern && !Matches(pattern, text))
            {
                errors.Add(FieldError.Invalid(path, FieldError.Quote(text), $"{path} in body should match '{pattern}'"));
            }
        }
        else if (value is YamlArray array)
        {
            if (schema.MaxItems is { } maxItems && array.Items.Count > maxItems)
            {
                errors.Add(new FieldError(path, $"Too many: {array.Items.Count}: must have at most {maxItems} items"));
            }
            else if (schema.MinItems is { } minItems && array.Items.Count < minItems)
            {
                errors.Add(FieldError.Invalid(path, array.Items.Count.ToString(CultureInfo.InvariantCulture), $"{path} in body should have at least {minItems} items"));
            }
        }
    }

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (Exception ex) when (ex is ArgumentException or RegexMatchTimeoutException)
        {
            return true; // a pattern .NET cannot read is the CRD's problem, not this object's
        }
    }

    private static string TypeOf(object? value) => value switch
    {
        null => "null",
        string => "string",
        bool => "boolean",
        long or BigInteger => "integer",
        double d => d == Math.Floor(d) && !double.IsInfinity(d) ? "integer" : "number",
        Map => "object",
        YamlArray => "array",
        _ => "string",
    };

    private static bool SameValue(object? allowed, object? value) =>
        CrdSchemaReader.Number(allowed) is { } a && CrdSchemaReader.Number(value) is { } b ? a == b : Equals(allowed, value);

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => FieldError.Quote(s),
        bool b => b ? "true" : "false",
        double d => Format(d),
        Map => "map[string]interface {}{…}",
        YamlArray => "[]interface {}{…}",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Format(double number) => number.ToString("R", CultureInfo.InvariantCulture);

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
