using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources;

/// <summary>The Kubernetes <c>metadata</c> of a resource: the fields packages and installs use.</summary>
public sealed record ObjectMeta
{
    /// <summary>The resource's name.</summary>
    public string? Name { get; init; }

    /// <summary>A prefix the API server completes into a unique name.</summary>
    public string? GenerateName { get; init; }

    /// <summary>The namespace; null for the current one.</summary>
    public string? Namespace { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Annotations (kbld records resolved images in <c>kbld.k14s.io/images</c>).</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Finalizers.</summary>
    public IReadOnlyList<string>? Finalizers { get; init; }

    /// <summary>The API server's unique id (read back from a cluster).</summary>
    public string? Uid { get; init; }

    /// <summary>The API server's version of the resource (read back from a cluster).</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>The generation of the desired state (read back from a cluster).</summary>
    public long? Generation { get; init; }

    /// <summary>When the resource was created (read back from a cluster).</summary>
    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>Owner references, kept as written.</summary>
    public object? OwnerReferences { get; init; }

    /// <summary>Server-side apply bookkeeping, kept as written.</summary>
    public object? ManagedFields { get; init; }

    internal static ObjectCodec<ObjectMeta> Codec { get; } = new ObjectCodec<ObjectMeta>(() => new())
        .Field("name", x => x.Name, (x, v) => x with { Name = v }, ScalarCodecs.String)
        .Field("generateName", x => x.GenerateName, (x, v) => x with { GenerateName = v }, ScalarCodecs.String)
        .Field("namespace", x => x.Namespace, (x, v) => x with { Namespace = v }, ScalarCodecs.String)
        .Field("labels", x => x.Labels, (x, v) => x with { Labels = v }, CollectionCodecs.StringMap)
        .Field("annotations", x => x.Annotations, (x, v) => x with { Annotations = v }, CollectionCodecs.StringMap)
        .Field("finalizers", x => x.Finalizers, (x, v) => x with { Finalizers = v }, CollectionCodecs.Strings)
        .Field("uid", x => x.Uid, (x, v) => x with { Uid = v }, ScalarCodecs.String)
        .Field("resourceVersion", x => x.ResourceVersion, (x, v) => x with { ResourceVersion = v }, ScalarCodecs.String)
        .Field("generation", x => x.Generation, (x, v) => x with { Generation = v }, ScalarCodecs.Int64)
        .Field("creationTimestamp", x => x.CreationTimestamp, (x, v) => x with { CreationTimestamp = v }, ScalarCodecs.Timestamp)
        .Field("ownerReferences", x => x.OwnerReferences, (x, v) => x with { OwnerReferences = v }, CollectionCodecs.Any)
        .Field("managedFields", x => x.ManagedFields, (x, v) => x with { ManagedFields = v }, CollectionCodecs.Any);
}
