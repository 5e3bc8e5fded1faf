using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Yaml;
using Json.Schema;

namespace Hull.Packaging.Tests.Schemas;

/// <summary>
/// JSON Schemas (draft 2020-12) for every kind Hull writes, converted from the CRDs' openAPIV3Schema in
/// ../shared/schemas/kapp-controller-crds.yml and validated with JsonSchema.Net. The conversion is stricter than
/// the API server's pruning: fields outside the schema are errors, so a misspelt field cannot slip through.
/// </summary>
internal static class CrdSchemas
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> Converted = new(Load);
    private static readonly Dictionary<string, JsonSchema> Built = new(StringComparer.Ordinal);

    public static string CrdFile => Path.Combine(TestPaths.RepoRoot(), "..", "shared", "schemas", "kapp-controller-crds.yml");

    /// <summary>The converted schema of a kind (Package, PackageMetadata, PackageInstall, PackageRepository, Secret).</summary>
    public static JsonObject SchemaOf(string kind) => (JsonObject)Converted.Value[kind].DeepClone();

    /// <summary>Validates a JSON text against a kind's schema; returns the errors (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(string kind, string json)
    {
        JsonSchema schema;
        lock (Built)
        {
            if (!Built.TryGetValue(kind, out schema!))
            {
                schema = JsonSchema.FromText(Converted.Value[kind].ToJsonString(), baseUri: new Uri($"https://hull.test/schemas/{kind}"));
                Built[kind] = schema;
            }
        }
        using var document = JsonDocument.Parse(json);
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        if (results.IsValid)
        {
            return [];
        }
        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
    }

    /// <summary>Validates what Hull writes for <paramref name="resource"/> and fails the test with every error.</summary>
    public static void AssertValid(IResource resource)
    {
        var errors = Validate(resource.Kind, ResourceYaml.EmitJson(resource));
        Assert.True(errors.Count == 0, $"{resource.Kind} does not validate:\n{string.Join("\n", errors)}\n{ResourceYaml.Emit(resource)}");
    }

    private static IReadOnlyDictionary<string, JsonObject> Load()
    {
        var set = YamlParser.Parse(File.ReadAllText(CrdFile), CrdFile);
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var document in set.Items.Where(d => !d.IsEmpty))
        {
            var crd = JsonNode.Parse(JsonEmitter.Emit(document.Value))!.AsObject();
            string group = crd["spec"]!["group"]!.GetValue<string>();
            string kind = crd["spec"]!["names"]!["kind"]!.GetValue<string>();
            var version = crd["spec"]!["versions"]!.AsArray()[0]!;
            var schema = ConvertOpenApi(version["schema"]!["openAPIV3Schema"]!.DeepClone().AsObject());
            // Package and PackageMetadata are served by kapp-controller's aggregated API with the internal CRDs' spec.
            (string apiVersion, string name) = group switch
            {
                "internal.packaging.carvel.dev" => (ResourceKinds.DataPackagingV1Alpha1, kind["Internal".Length..]),
                _ => ($"{group}/{version["name"]!.GetValue<string>()}", kind),
            };
            Pin(schema, apiVersion, name);
            result[name] = schema;
        }
        var secret = ConvertOpenApi(SecretSchema());
        Pin(secret, ResourceKinds.CoreV1, ResourceKinds.Secret);
        result[ResourceKinds.Secret] = secret;
        return result;
    }

    // apiVersion and kind are fixed per kind; metadata gets the ObjectMeta fields Hull writes.
    private static void Pin(JsonObject schema, string apiVersion, string kind)
    {
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        var properties = schema["properties"]!.AsObject();
        properties["apiVersion"] = new JsonObject { ["const"] = apiVersion };
        properties["kind"] = new JsonObject { ["const"] = kind };
        properties["metadata"] = ConvertOpenApi(ObjectMetaSchema());
        var required = schema["required"]?.AsArray() ?? [];
        foreach (string field in new[] { "apiVersion", "kind" })
        {
            if (!required.Any(r => r!.GetValue<string>() == field))
            {
                required.Add(field);
            }
        }
        schema["required"] = required;
    }

    /// <summary>
    /// OpenAPI v3 (Kubernetes structural schema) to JSON Schema: <c>nullable</c> becomes a null type,
    /// <c>x-kubernetes-int-or-string</c> an integer-or-string, <c>x-kubernetes-preserve-unknown-fields</c> leaves the
    /// object open, other objects with properties are closed (<c>additionalProperties: false</c>), and OpenAPI-only
    /// formats (int32, int64, byte) are dropped or replaced by their JSON Schema meaning.
    /// </summary>
    public static JsonObject ConvertOpenApi(JsonObject schema)
    {
        bool preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        bool intOrString = schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true;
        bool nullable = schema["nullable"]?.GetValue<bool>() == true;
        foreach (string key in schema.Select(p => p.Key).Where(k => k.StartsWith("x-kubernetes-", StringComparison.Ordinal) || k == "nullable").ToList())
        {
            schema.Remove(key);
        }
        if (schema["format"]?.GetValue<string>() is "int32" or "int64")
        {
            schema.Remove("format");
        }
        if (schema["format"]?.GetValue<string>() == "byte")
        {
            schema.Remove("format");
            schema["pattern"] = "^[A-Za-z0-9+/]*={0,2}$";
        }
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var name in properties.Select(p => p.Key).ToList())
            {
                properties[name] = ConvertOpenApi(properties[name]!.AsObject());
            }
            if (!preserve && schema["additionalProperties"] is null)
            {
                schema["additionalProperties"] = false;
            }
        }
        if (schema["additionalProperties"] is JsonObject additional)
        {
            schema["additionalProperties"] = ConvertOpenApi(additional);
        }
        if (schema["items"] is JsonObject items)
        {
            schema["items"] = ConvertOpenApi(items);
        }
        if (intOrString)
        {
            schema.Remove("type");
            schema["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
        }
        if (nullable && schema["type"] is JsonValue type)
        {
            schema["type"] = new JsonArray(type.GetValue<string>(), "null");
        }
        return schema;
    }

    // The ObjectMeta fields Hull models (Kubernetes API reference, meta/v1 ObjectMeta).
    private static JsonObject ObjectMetaSchema() => Parse("""
        {"type": "object", "properties": {
          "name": {"type": "string"}, "generateName": {"type": "string"}, "namespace": {"type": "string"},
          "labels": {"type": "object", "additionalProperties": {"type": "string"}},
          "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
          "finalizers": {"type": "array", "items": {"type": "string"}},
          "uid": {"type": "string"}, "resourceVersion": {"type": "string"},
          "generation": {"type": "integer", "format": "int64"},
          "creationTimestamp": {"type": "string", "format": "date-time"},
          "ownerReferences": {"type": "array", "items": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}},
          "managedFields": {"type": "array", "items": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}}
        """);

    // core/v1 Secret (Kubernetes API reference): data is base64 (format byte), stringData plain text.
    private static JsonObject SecretSchema() => Parse("""
        {"type": "object", "properties": {
          "apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"},
          "type": {"type": "string"}, "immutable": {"type": "boolean"},
          "data": {"type": "object", "additionalProperties": {"type": "string", "format": "byte"}},
          "stringData": {"type": "object", "additionalProperties": {"type": "string"}}}}
        """);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
