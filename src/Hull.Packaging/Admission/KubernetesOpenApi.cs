using System.IO.Compression;
using System.Text.Json;

namespace Hull.Packaging.Admission;

/// <summary>
/// The Kubernetes v1.24 API server's OpenAPI v2 document, reduced by <c>scripts/embed-kubernetes-schemas.sh</c> and
/// embedded gzipped (about 20 kB): the kinds it serves, their scope, their definitions. Loaded on first use only, so
/// commands that never validate for the <c>dir:</c> target pay nothing; definitions are converted as they are reached.
/// </summary>
public sealed class KubernetesOpenApi
{
    private const string ResourceName = "Hull.Packaging.Admission.kubernetes-v1.24-openapi.json.gz";
    private static readonly Lazy<KubernetesOpenApi> Embedded = new(Load);

    private readonly JsonElement _definitions;
    private readonly Dictionary<string, (string Definition, bool Namespaced)> _kinds;
    private readonly Dictionary<string, ApiSchema> _schemas = new(StringComparer.Ordinal);
    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private KubernetesOpenApi(JsonElement root)
    {
        _definitions = root.GetProperty("definitions");
        _kinds = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        foreach (var kind in root.GetProperty("kinds").EnumerateObject())
        {
            _kinds[kind.Name] = (kind.Value.GetProperty("definition").GetString()!, kind.Value.GetProperty("namespaced").GetBoolean());
            _groups.Add(kind.Name[..kind.Name.IndexOf('/', StringComparison.Ordinal)]);
        }
    }

    /// <summary>The embedded document (loaded on first use).</summary>
    public static KubernetesOpenApi Instance => Embedded.Value;

    /// <summary>The kind <paramref name="kind"/> in <paramref name="group"/>/<paramref name="version"/>, or null when the server does not serve it.</summary>
    public BuiltInKind? Find(string group, string version, string kind)
    {
        if (!_kinds.TryGetValue($"{group}/{version}/{kind}", out var found))
        {
            return null;
        }
        lock (_lock)
        {
            return new BuiltInKind(group, version, kind, found.Namespaced, Definition(found.Definition));
        }
    }

    /// <summary>Whether the server serves any kind in <paramref name="group"/> itself (no CRD can add kinds to it).</summary>
    public bool ServesGroup(string group) => _groups.Contains(group);

    private static KubernetesOpenApi Load()
    {
        using var stream = typeof(KubernetesOpenApi).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from Hull.Packaging");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return new KubernetesOpenApi(document.RootElement.Clone());
    }

    // A definition is registered before its properties are converted: definitions refer to themselves (JSONSchemaProps).
    private ApiSchema Definition(string name)
    {
        if (_schemas.TryGetValue(name, out var known))
        {
            return known;
        }
        var schema = new ApiSchema { Definition = name };
        _schemas[name] = schema;
        if (_definitions.TryGetProperty(name, out var element))
        {
            Fill(schema, element);
        }
        return schema;
    }

    private ApiSchema Convert(JsonElement element)
    {
        if (element.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            return Definition(reference.GetString()!["#/definitions/".Length..]);
        }
        var schema = new ApiSchema();
        Fill(schema, element);
        return schema;
    }

    private void Fill(ApiSchema schema, JsonElement element)
    {
        foreach (var keyword in element.EnumerateObject())
        {
            switch (keyword.Name)
            {
                case "type" when keyword.Value.ValueKind == JsonValueKind.String:
                    schema.Type = keyword.Value.GetString();
                    break;
                case "format":
                    schema.Format = keyword.Value.GetString();
                    break;
                case "properties":
                    schema.Properties = new Dictionary<string, ApiSchema>(StringComparer.Ordinal);
                    foreach (var property in keyword.Value.EnumerateObject())
                    {
                        schema.Properties[property.Name] = Convert(property.Value);
                    }
                    break;
                case "additionalProperties" when keyword.Value.ValueKind == JsonValueKind.Object:
                    schema.AdditionalProperties = Convert(keyword.Value);
                    break;
                case "items" when keyword.Value.ValueKind == JsonValueKind.Object:
                    schema.Items = Convert(keyword.Value);
                    break;
                case "required":
                    schema.Required = keyword.Value.EnumerateArray().Select(r => r.GetString()!).ToList();
                    break;
                case "x-kubernetes-int-or-string":
                    schema.IntOrString = keyword.Value.ValueKind == JsonValueKind.True;
                    break;
                case "x-kubernetes-preserve-unknown-fields":
                    schema.PreserveUnknownFields = keyword.Value.ValueKind == JsonValueKind.True;
                    break;
                case "x-kubernetes-embedded-resource":
                    schema.EmbeddedResource = keyword.Value.ValueKind == JsonValueKind.True;
                    break;
            }
        }
        schema.IntOrString |= schema.Format == "int-or-string";
    }
}
