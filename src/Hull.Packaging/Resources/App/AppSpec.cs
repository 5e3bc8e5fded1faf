using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources.App;

/// <summary>kapp-controller's App spec, as a Package's <c>template.spec</c>: fetch, template, deploy.</summary>
public sealed record AppSpec
{
    /// <summary>Cancels current and future reconciliations.</summary>
    public bool Canceled { get; init; }

    /// <summary>Deploy to another cluster.</summary>
    public ClusterTarget? Cluster { get; init; }

    /// <summary>Deploy steps.</summary>
    public IReadOnlyList<AppDeploy>? Deploy { get; init; }

    /// <summary>Fetch steps.</summary>
    public IReadOnlyList<AppFetch>? Fetch { get; init; }

    /// <summary>Deleting the App keeps its resources.</summary>
    public bool NoopDelete { get; init; }

    /// <summary>Pauses future reconciliations.</summary>
    public bool Paused { get; init; }

    /// <summary>Deploy as this service account.</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>Reconcile period, e.g. <c>10m</c> (at least 30s).</summary>
    public string? SyncPeriod { get; init; }

    /// <summary>Template steps.</summary>
    public IReadOnlyList<AppTemplate>? Template { get; init; }

    internal static ObjectCodec<AppSpec> Codec { get; } = new ObjectCodec<AppSpec>(() => new())
        .Field("canceled", x => x.Canceled, (x, v) => x with { Canceled = v }, ScalarCodecs.Bool)
        .Field("cluster", x => x.Cluster, (x, v) => x with { Cluster = v }, ClusterTarget.Codec)
        .Field("deploy", x => x.Deploy, (x, v) => x with { Deploy = v }, CollectionCodecs.Objects(AppDeploy.Codec))
        .Field("fetch", x => x.Fetch, (x, v) => x with { Fetch = v }, CollectionCodecs.Objects(AppFetch.Codec))
        .Field("noopDelete", x => x.NoopDelete, (x, v) => x with { NoopDelete = v }, ScalarCodecs.Bool)
        .Field("paused", x => x.Paused, (x, v) => x with { Paused = v }, ScalarCodecs.Bool)
        .Field("serviceAccountName", x => x.ServiceAccountName, (x, v) => x with { ServiceAccountName = v }, ScalarCodecs.String)
        .Field("syncPeriod", x => x.SyncPeriod, (x, v) => x with { SyncPeriod = v }, ScalarCodecs.String)
        .Field("template", x => x.Template, (x, v) => x with { Template = v }, CollectionCodecs.Objects(AppTemplate.Codec));
}
