using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources.App;

/// <summary>Where a template step's values come from: a Secret, a ConfigMap, a path, or the downward API.</summary>
public sealed record ValuesSource
{
    /// <summary>A ConfigMap's keys.</summary>
    public LocalObjectRef? ConfigMapRef { get; init; }

    /// <summary>Values from the App itself and the cluster.</summary>
    public DownwardApiValues? DownwardAPI { get; init; }

    /// <summary>A fetched file.</summary>
    public string? Path { get; init; }

    /// <summary>A Secret's keys.</summary>
    public LocalObjectRef? SecretRef { get; init; }

    internal static ObjectCodec<ValuesSource> Codec { get; } = new ObjectCodec<ValuesSource>(() => new())
        .Field("configMapRef", x => x.ConfigMapRef, (x, v) => x with { ConfigMapRef = v }, LocalObjectRef.Codec)
        .Field("downwardAPI", x => x.DownwardAPI, (x, v) => x with { DownwardAPI = v }, DownwardApiValues.Codec)
        .Field("path", x => x.Path, (x, v) => x with { Path = v }, ScalarCodecs.String)
        .Field("secretRef", x => x.SecretRef, (x, v) => x with { SecretRef = v }, LocalObjectRef.Codec);
}

/// <summary>Downward API values.</summary>
public sealed record DownwardApiValues
{
    /// <summary>The values.</summary>
    public IReadOnlyList<DownwardApiItem>? Items { get; init; }

    internal static ObjectCodec<DownwardApiValues> Codec { get; } = new ObjectCodec<DownwardApiValues>(() => new())
        .Field("items", x => x.Items, (x, v) => x with { Items = v }, CollectionCodecs.Objects(DownwardApiItem.Codec));
}

/// <summary>One downward API value, stored under <see cref="Name"/>.</summary>
public sealed record DownwardApiItem
{
    /// <summary>A field of the App: annotations, labels, uid, name or namespace.</summary>
    public string? FieldPath { get; init; }

    /// <summary>kapp-controller's version (or an override).</summary>
    public VersionValue? KappControllerVersion { get; init; }

    /// <summary>The cluster's API group/versions (or an override).</summary>
    public KubernetesApis? KubernetesAPIs { get; init; }

    /// <summary>The cluster's Kubernetes version (or an override).</summary>
    public VersionValue? KubernetesVersion { get; init; }

    /// <summary>The values key.</summary>
    public string? Name { get; init; }

    internal static ObjectCodec<DownwardApiItem> Codec { get; } = new ObjectCodec<DownwardApiItem>(() => new())
        .Field("fieldPath", x => x.FieldPath, (x, v) => x with { FieldPath = v }, ScalarCodecs.String)
        .Field("kappControllerVersion", x => x.KappControllerVersion, (x, v) => x with { KappControllerVersion = v }, VersionValue.Codec)
        .Field("kubernetesAPIs", x => x.KubernetesAPIs, (x, v) => x with { KubernetesAPIs = v }, KubernetesApis.Codec)
        .Field("kubernetesVersion", x => x.KubernetesVersion, (x, v) => x with { KubernetesVersion = v }, VersionValue.Codec)
        .Field("name", x => x.Name, (x, v) => x with { Name = v }, ScalarCodecs.String);
}

/// <summary>A version, given or discovered.</summary>
public sealed record VersionValue
{
    /// <summary>The version; empty means discover it.</summary>
    public string? Version { get; init; }

    internal static ObjectCodec<VersionValue> Codec { get; } = new ObjectCodec<VersionValue>(() => new())
        .Field("version", x => x.Version, (x, v) => x with { Version = v }, ScalarCodecs.String);
}

/// <summary>API group/versions, given or discovered.</summary>
public sealed record KubernetesApis
{
    /// <summary>e.g. <c>apps/v1</c>.</summary>
    public IReadOnlyList<string>? GroupVersions { get; init; }

    internal static ObjectCodec<KubernetesApis> Codec { get; } = new ObjectCodec<KubernetesApis>(() => new())
        .Field("groupVersions", x => x.GroupVersions, (x, v) => x with { GroupVersions = v }, CollectionCodecs.Strings);
}
