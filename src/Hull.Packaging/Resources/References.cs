using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources;

/// <summary>A reference by name to a Secret or ConfigMap in the resource's own namespace.</summary>
public sealed record LocalObjectRef
{
    /// <summary>The referenced object's name.</summary>
    public string? Name { get; init; }

    internal static ObjectCodec<LocalObjectRef> Codec { get; } = new ObjectCodec<LocalObjectRef>(() => new())
        .Field("name", x => x.Name, (x, v) => x with { Name = v }, ScalarCodecs.String);
}

/// <summary>A Secret or ConfigMap whose keys become files under <see cref="DirectoryPath"/>.</summary>
public sealed record DirectoryObjectRef
{
    /// <summary>Where to place the object's files (optional).</summary>
    public string? DirectoryPath { get; init; }

    /// <summary>The referenced object's name.</summary>
    public string? Name { get; init; }

    internal static ObjectCodec<DirectoryObjectRef> Codec { get; } = new ObjectCodec<DirectoryObjectRef>(() => new())
        .Field("directoryPath", x => x.DirectoryPath, (x, v) => x with { DirectoryPath = v }, ScalarCodecs.String)
        .Field("name", x => x.Name, (x, v) => x with { Name = v }, ScalarCodecs.String);
}

/// <summary>A Secret holding a kubeconfig, and optionally which key.</summary>
public sealed record KubeconfigSecretRef
{
    /// <summary>The key holding the kubeconfig (optional).</summary>
    public string? Key { get; init; }

    /// <summary>The Secret's name, in the resource's namespace.</summary>
    public string? Name { get; init; }

    internal static ObjectCodec<KubeconfigSecretRef> Codec { get; } = new ObjectCodec<KubeconfigSecretRef>(() => new())
        .Field("key", x => x.Key, (x, v) => x with { Key = v }, ScalarCodecs.String)
        .Field("name", x => x.Name, (x, v) => x with { Name = v }, ScalarCodecs.String);
}

/// <summary>A destination cluster other than the one the resource lives in.</summary>
public sealed record ClusterTarget
{
    /// <summary>The Secret with the destination's kubeconfig.</summary>
    public KubeconfigSecretRef? KubeconfigSecretRef { get; init; }

    /// <summary>The namespace in the destination cluster (optional).</summary>
    public string? Namespace { get; init; }

    internal static ObjectCodec<ClusterTarget> Codec { get; } = new ObjectCodec<ClusterTarget>(() => new())
        .Field("kubeconfigSecretRef", x => x.KubeconfigSecretRef, (x, v) => x with { KubeconfigSecretRef = v }, KubeconfigSecretRef.Codec)
        .Field("namespace", x => x.Namespace, (x, v) => x with { Namespace = v }, ScalarCodecs.String);
}
