using System.Text;
using Hull.Yaml;

namespace Hull.Packaging.Resources.Serialization;

/// <summary>One resource read from a YAML stream, with where it was.</summary>
/// <param name="Resource">The resource (an <see cref="OtherResource"/> for kinds Hull does not model).</param>
/// <param name="Document">The 1-based document index in its file.</param>
/// <param name="Line">The line the document starts on; 0 when unknown.</param>
public sealed record ResourceDocument(IResource Resource, int Document, int Line)
{
    /// <summary>The line of each field as read, by path (<c>metadata.name</c>, <c>spec.template.spec.fetch[0]</c>…).</summary>
    public IReadOnlyDictionary<string, int> FieldLines { get; init; } = new Dictionary<string, int>();

    /// <summary>The line of <paramref name="field"/> or of its nearest parent that was read; else the document's line.</summary>
    public int LineOf(string field)
    {
        for (string path = field; path.Length > 0; path = path[..Math.Max(0, path.LastIndexOfAny(['.', '[']))])
        {
            if (FieldLines.TryGetValue(path, out int line))
            {
                return line;
            }
        }
        return Line;
    }
}

/// <summary>The resources of one YAML stream, and warnings (unknown fields) found while reading.</summary>
/// <param name="Documents">The non-empty documents, in order.</param>
/// <param name="Warnings">One located line each.</param>
public sealed record ResourceDocuments(IReadOnlyList<ResourceDocument> Documents, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads and writes Package, PackageMetadata, PackageInstall, PackageRepository and Secret documents as
/// kapp-controller, kubectl and kctrl do: strict types, located errors, alphabetical keys, go-yaml formatting.
/// </summary>
public static class ResourceYaml
{
    /// <summary>Parses every document of <paramref name="text"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="ResourceException">Malformed YAML or a document that does not fit its kind's schema.</exception>
    public static ResourceDocuments Read(string text, string file)
    {
        DocumentSet set;
        try
        {
            set = YamlParser.Parse(text, file, new YamlParseOptions { WithoutComments = true });
        }
        catch (YamlException ex)
        {
            throw new ResourceException(file, ex.Position, 0, null, "", $"not valid YAML: {ex.Message}", ex);
        }
        var warnings = new List<string>();
        var documents = new List<ResourceDocument>();
        int index = 0;
        foreach (var document in set.Items)
        {
            if (document.Injected)
            {
                continue;
            }
            index++;
            if (document.IsEmpty)
            {
                continue;
            }
            var context = new ReadContext(file, index, warnings);
            var resource = ReadDocument(document.Value, document.Position, context);
            documents.Add(new ResourceDocument(resource, index, document.Position.Line) { FieldLines = context.Lines });
        }
        return new ResourceDocuments(documents, warnings);
    }

    /// <summary>Reads a stream that must hold exactly one resource of type <typeparamref name="T"/>.</summary>
    public static T ReadSingle<T>(string text, string file)
        where T : class, IResource
    {
        var read = Read(text, file);
        if (read.Documents.Count != 1 || read.Documents[0].Resource is not T resource)
        {
            string found = read.Documents.Count == 0 ? "no documents" : string.Join(", ", read.Documents.Select(d => d.Resource.Kind));
            throw new ResourceException(file, Position.Unknown, 0, null, "", $"expected one {typeof(T).Name}, found {found}");
        }
        return resource;
    }

    /// <summary>The resource as Hull.Yaml values (a map with alphabetical keys, empty fields left out).</summary>
    public static object? ToYamlValue(IResource resource) => resource switch
    {
        Package p => Package.Codec.Write(p),
        PackageMetadata m => PackageMetadata.Codec.Write(m),
        PackageInstall i => PackageInstall.Codec.Write(i),
        PackageRepository r => PackageRepository.Codec.Write(r),
        Secret s => Secret.Codec.Write(s),
        OtherResource o => Node.CopyValue(o.Value),
        _ => throw new ArgumentException($"cannot write a {resource.GetType().Name}", nameof(resource)),
    };

    /// <summary>One resource as YAML, as kubectl and kctrl print it.</summary>
    public static string Emit(IResource resource) => YamlEmitter.Emit(ToYamlValue(resource));

    /// <summary>Several resources as one YAML stream, separated by <c>---</c>.</summary>
    public static string Emit(IEnumerable<IResource> resources)
    {
        var sb = new StringBuilder();
        YamlEmitter.WriteDocuments(resources.Select(r => new Document(ToYamlValue(r))), sb);
        return sb.ToString();
    }

    /// <summary>One resource as compact JSON (sorted keys), e.g. for schema validation or kubectl.</summary>
    public static string EmitJson(IResource resource) => JsonEmitter.Emit(ToYamlValue(resource));

    private static IResource ReadDocument(object? value, Position at, ReadContext context)
    {
        if (value is not Map map)
        {
            throw context.Error(at, $"expected a Kubernetes resource (a map with apiVersion and kind), got {Codec<object>.Describe(value)}");
        }
        string apiVersion = map.Find("apiVersion")?.Value as string ?? "";
        string kind = map.Find("kind")?.Value as string ?? "";
        string? name = (map.Find("metadata")?.Value as Map)?.Find("name")?.Value as string;
        context.Resource = name is null ? (kind.Length == 0 ? null : kind) : $"{kind} {name}";
        string? expected = kind switch
        {
            ResourceKinds.Package or ResourceKinds.PackageMetadata => ResourceKinds.DataPackagingV1Alpha1,
            ResourceKinds.PackageInstall or ResourceKinds.PackageRepository => ResourceKinds.PackagingV1Alpha1,
            ResourceKinds.Secret => ResourceKinds.CoreV1,
            _ => null,
        };
        if (expected is not null && apiVersion != expected && IsCarvelOrCore(apiVersion))
        {
            var item = map.Find("apiVersion");
            context.Push("apiVersion");
            throw context.Error(item?.Position ?? at, $"{kind} belongs to apiVersion '{expected}', got '{apiVersion}'");
        }
        if (expected is null || apiVersion != expected)
        {
            return new OtherResource(apiVersion, kind, NameOf(map), value);
        }
        return kind switch
        {
            ResourceKinds.Package => Package.Codec.Read(value, context, at)!,
            ResourceKinds.PackageMetadata => PackageMetadata.Codec.Read(value, context, at)!,
            ResourceKinds.PackageInstall => PackageInstall.Codec.Read(value, context, at)!,
            ResourceKinds.PackageRepository => PackageRepository.Codec.Read(value, context, at)!,
            _ => Secret.Codec.Read(value, context, at)!,
        };
    }

    private static bool IsCarvelOrCore(string apiVersion) =>
        apiVersion.Length == 0 || apiVersion == ResourceKinds.CoreV1 || apiVersion.Contains("packaging.carvel.dev", StringComparison.Ordinal);

    // Other kinds' metadata is read leniently: only name and namespace matter, and nothing is reported.
    private static ObjectMeta NameOf(Map document) =>
        document.Find("metadata")?.Value is Map meta
            ? new ObjectMeta { Name = meta.Find("name")?.Value as string, Namespace = meta.Find("namespace")?.Value as string }
            : new ObjectMeta();
}
