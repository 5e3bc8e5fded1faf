using System.Globalization;
using System.Text;
using Hull.Yaml;

namespace Hull.Packaging.Admission;

/// <summary>
/// The API server's checks of an <c>apiextensions.k8s.io/v1</c> CustomResourceDefinition, in its words and order:
/// its name is <c>&lt;plural&gt;.&lt;group&gt;</c>, group, names, scope, version names, exactly one storage version,
/// a schema per version, and the main structural schema rules (a type on every node but int-or-string and
/// preserve-unknown-fields ones, an object at the root, items on arrays, properties or additionalProperties).
/// </summary>
public static class CrdValidation
{
    /// <summary>The field errors of <paramref name="crd"/>; empty when the server would take it.</summary>
    public static IReadOnlyList<FieldError> Validate(Map crd)
    {
        var errors = new List<FieldError>();
        var spec = crd.Find("spec")?.Value as Map;
        string? name = (crd.Find("metadata")?.Value as Map)?.Find("name")?.Value as string;
        string? group = spec?.Find("group")?.Value as string;
        var names = spec?.Find("names")?.Value as Map;
        string? plural = names?.Find("plural")?.Value as string;
        errors.AddRange(ObjectNames.Check("apiextensions.k8s.io", "CustomResourceDefinition", name));
        if (!string.IsNullOrEmpty(name) && name != $"{plural}.{group}")
        {
            errors.Add(FieldError.Invalid("metadata.name", FieldError.Quote(name), "must be spec.names.plural+\".\"+spec.group"));
        }
        if (spec is null)
        {
            errors.Add(FieldError.Required("spec"));
            return errors;
        }
        if (string.IsNullOrEmpty(group))
        {
            errors.Add(FieldError.Required("spec.group"));
        }
        else
        {
            errors.AddRange(ObjectNames.Subdomain(group, "spec.group"));
            if (!group.Contains('.', StringComparison.Ordinal))
            {
                errors.Add(FieldError.Invalid("spec.group", FieldError.Quote(group), "should be a domain with at least one dot"));
            }
        }
        CheckNames(names, errors);
        string? scope = spec.Find("scope")?.Value as string;
        if (string.IsNullOrEmpty(scope))
        {
            errors.Add(FieldError.Required("spec.scope"));
        }
        else if (scope is not ("Cluster" or "Namespaced"))
        {
            errors.Add(FieldError.Unsupported("spec.scope", FieldError.Quote(scope), ["\"Cluster\"", "\"Namespaced\""]));
        }
        var versions = (spec.Find("versions")?.Value as YamlArray)?.Items.Select(i => i.Value as Map ?? new Map()).ToList() ?? [];
        CheckVersions(versions, errors);
        return errors;
    }

    private static void CheckNames(Map? names, List<FieldError> errors)
    {
        string? plural = names?.Find("plural")?.Value as string;
        if (string.IsNullOrEmpty(plural))
        {
            errors.Add(FieldError.Required("spec.names.plural"));
        }
        else
        {
            errors.AddRange(ObjectNames.Dns1035(plural, "spec.names.plural"));
        }
        if (names?.Find("singular")?.Value is string { Length: > 0 } singular)
        {
            errors.AddRange(ObjectNames.Dns1035(singular, "spec.names.singular"));
        }
        if (string.IsNullOrEmpty(names?.Find("kind")?.Value as string))
        {
            errors.Add(FieldError.Required("spec.names.kind"));
        }
    }

    private static void CheckVersions(List<Map> versions, List<FieldError> errors)
    {
        for (int i = 0; i < versions.Count; i++)
        {
            string name = versions[i].Find("name")?.Value as string ?? "";
            errors.AddRange(ObjectNames.Dns1035(name, $"spec.versions[{i}].name"));
            if (i == 0)
            {
                // The server checks the first version again as the internal spec.version.
                errors.AddRange(ObjectNames.Dns1035(name, "spec.version"));
            }
        }
        var schemas = versions.Select(v => (v.Find("schema")?.Value as Map)?.Find("openAPIV3Schema")?.Value).ToList();
        bool shared = schemas.Count > 0 && schemas.All(s => s is not null && YamlEmitter.Emit(s) == YamlEmitter.Emit(schemas[0]!));
        string shown = GoVersions(versions, shared);
        var storage = versions.Where(v => v.Find("storage")?.Value is true).ToList();
        if (versions.Select(v => v.Find("name")?.Value as string).Distinct().Count() < versions.Count)
        {
            errors.Add(FieldError.Invalid("spec.versions", shown, "must contain unique version names"));
        }
        else if (storage.Count != 1)
        {
            errors.Add(FieldError.Invalid("spec.versions", shown, "must have exactly one version marked as storage version"));
        }
        for (int i = 0; i < versions.Count; i++)
        {
            if (schemas[i] is null)
            {
                errors.Add(FieldError.Required($"spec.versions[{i}].schema.openAPIV3Schema", "schemas are required"));
            }
        }
        if (shared)
        {
            errors.AddRange(Structural(schemas[0], "spec.validation.openAPIV3Schema"));
        }
        else
        {
            for (int i = 0; i < versions.Count; i++)
            {
                if (schemas[i] is not null)
                {
                    errors.AddRange(Structural(schemas[i], $"spec.versions[{i}].schema.openAPIV3Schema"));
                }
            }
        }
        // On create the server records the first storage version as stored; every other storage version is missing.
        if (storage.Count == 0)
        {
            errors.Add(FieldError.Invalid("status.storedVersions", "[]string(nil)", "must have at least one stored version"));
        }
        foreach (var extra in storage.Skip(1))
        {
            errors.Add(FieldError.Invalid("status.storedVersions", GoVersion(extra, shared), $"must have the storage version {extra.Find("name")?.Value}"));
        }
    }

    // The structural schema rules the server reports, sorted by path as it lists them.
    private static List<FieldError> Structural(object? root, string path)
    {
        var errors = new List<FieldError>();
        var schema = root as Map ?? new Map();
        string? type = schema.Find("type")?.Value as string;
        if (string.IsNullOrEmpty(type))
        {
            if (!Flag(schema, "x-kubernetes-preserve-unknown-fields") && !Flag(schema, "x-kubernetes-int-or-string"))
            {
                errors.Add(FieldError.Required($"{path}.type", "must not be empty at the root"));
            }
        }
        else if (type != "object")
        {
            errors.Add(FieldError.Invalid($"{path}.type", FieldError.Quote(type), "must be object at the root"));
        }
        Children(schema, path, errors);
        return errors.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    private static void Node(object? node, string path, string where, List<FieldError> errors)
    {
        var schema = node as Map ?? new Map();
        if (string.IsNullOrEmpty(schema.Find("type")?.Value as string) && !Flag(schema, "x-kubernetes-preserve-unknown-fields") && !Flag(schema, "x-kubernetes-int-or-string"))
        {
            errors.Add(FieldError.Required($"{path}.type", $"must not be empty for specified {where}"));
        }
        Children(schema, path, errors);
    }

    private static void Children(Map schema, string path, List<FieldError> errors)
    {
        var properties = schema.Find("properties")?.Value as Map;
        foreach (var property in properties?.Items ?? [])
        {
            Node(property.Value, $"{path}.properties[{Convert.ToString(property.Key, CultureInfo.InvariantCulture)}]", "object fields", errors);
        }
        if (schema.Find("additionalProperties")?.Value is Map additional)
        {
            if (properties is { Items.Count: > 0 })
            {
                errors.Add(FieldError.Forbidden($"{path}.additionalProperties", "additionalProperties and properties are mutual exclusive"));
            }
            Node(additional, $"{path}.additionalProperties", "object fields", errors);
        }
        if (schema.Find("items")?.Value is Map items)
        {
            Node(items, $"{path}.items", "array items", errors);
        }
        else if (schema.Find("type")?.Value as string == "array")
        {
            errors.Add(FieldError.Required($"{path}.items", "must be specified"));
        }
    }

    private static bool Flag(Map schema, string key) => schema.Find(key)?.Value is true;

    // Go's %#v of the server's internal versions; a schema shared by all versions moves to spec.validation (nil here),
    // and a set pointer prints as an address, which is shown as "…".
    private static string GoVersions(List<Map> versions, bool shared)
    {
        var text = new StringBuilder("[]apiextensions.CustomResourceDefinitionVersion{");
        text.AppendJoin(", ", versions.Select(v => GoVersion(v, shared)));
        return text.Append('}').ToString();
    }

    private static string GoVersion(Map version, bool shared)
    {
        static string Bool(object? value) => value is true ? "true" : "false";
        string Pointer(string type, bool set) => set ? $"(*{type})(…)" : $"(*{type})(nil)";
        bool schema = !shared && (version.Find("schema")?.Value as Map)?.Find("openAPIV3Schema")?.Value is not null;
        string columns = version.Find("additionalPrinterColumns")?.Value is YamlArray { Items.Count: > 0 } ? "[]apiextensions.CustomResourceColumnDefinition{…}" : "[]apiextensions.CustomResourceColumnDefinition(nil)";
        return "apiextensions.CustomResourceDefinitionVersion{"
            + $"Name:{FieldError.Quote(version.Find("name")?.Value as string ?? "")}, Served:{Bool(version.Find("served")?.Value)}, Storage:{Bool(version.Find("storage")?.Value)}, "
            + $"Deprecated:{Bool(version.Find("deprecated")?.Value)}, DeprecationWarning:{Pointer("string", version.Find("deprecationWarning")?.Value is string)}, "
            + $"Schema:{Pointer("apiextensions.CustomResourceValidation", schema)}, Subresources:{Pointer("apiextensions.CustomResourceSubresources", version.Find("subresources")?.Value is Map)}, "
            + $"AdditionalPrinterColumns:{columns}}}";
    }
}
