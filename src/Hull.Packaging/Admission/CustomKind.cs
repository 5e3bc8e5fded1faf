using Hull.Yaml;

namespace Hull.Packaging.Admission;

/// <summary>A kind a CustomResourceDefinition provides: its versions (served or not) and their schemas.</summary>
/// <param name="Group">spec.group.</param>
/// <param name="Kind">spec.names.kind.</param>
/// <param name="Namespaced">spec.scope is Namespaced.</param>
/// <param name="Versions">Each version by name.</param>
public sealed record CustomKind(string Group, string Kind, bool Namespaced, IReadOnlyDictionary<string, CustomKindVersion> Versions)
{
    /// <summary>The kind <paramref name="crd"/> provides, or null when it names no group or kind.</summary>
    public static CustomKind? Of(Map crd)
    {
        var spec = crd.Find("spec")?.Value as Map;
        if (spec?.Find("group")?.Value is not string group || (spec.Find("names")?.Value as Map)?.Find("kind")?.Value is not string kind)
        {
            return null;
        }
        var versions = new Dictionary<string, CustomKindVersion>(StringComparer.Ordinal);
        foreach (var version in (spec.Find("versions")?.Value as YamlArray)?.Items.Select(i => i.Value as Map).OfType<Map>() ?? [])
        {
            if (version.Find("name")?.Value is string name)
            {
                var schema = (version.Find("schema")?.Value as Map)?.Find("openAPIV3Schema")?.Value;
                versions[name] = new CustomKindVersion(version.Find("served")?.Value is true, new Lazy<ApiSchema>(() => CrdSchemaReader.Read(schema)));
            }
        }
        return new CustomKind(group, kind, spec.Find("scope")?.Value as string != "Cluster", versions);
    }
}

/// <summary>One version of a <see cref="CustomKind"/>.</summary>
/// <param name="Served">Whether the server serves it.</param>
/// <param name="Schema">Its openAPIV3Schema, read on first use.</param>
public sealed record CustomKindVersion(bool Served, Lazy<ApiSchema> Schema);
