using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources;

/// <summary>A PackageRepository's status.</summary>
public sealed record PackageRepositoryStatus
{
    /// <summary>Reconcile conditions.</summary>
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <summary>Failures in a row.</summary>
    public int? ConsecutiveReconcileFailures { get; init; }

    /// <summary>Successes in a row.</summary>
    public int? ConsecutiveReconcileSuccesses { get; init; }

    /// <summary>The deploy step's result.</summary>
    public DeployStatus? Deploy { get; init; }

    /// <summary>The fetch step's result.</summary>
    public FetchStatus? Fetch { get; init; }

    /// <summary>One-line state.</summary>
    public string? FriendlyDescription { get; init; }

    /// <summary>The generation this status describes.</summary>
    public long? ObservedGeneration { get; init; }

    /// <summary>The template step's result.</summary>
    public TemplateStatus? Template { get; init; }

    /// <summary>The error a user can act on, when failing.</summary>
    public string? UsefulErrorMessage { get; init; }

    internal static ObjectCodec<PackageRepositoryStatus> Codec { get; } = new ObjectCodec<PackageRepositoryStatus>(() => new())
        .Field("conditions", x => x.Conditions, (x, v) => x with { Conditions = v }, CollectionCodecs.Objects(Condition.Codec))
        .Field("consecutiveReconcileFailures", x => x.ConsecutiveReconcileFailures, (x, v) => x with { ConsecutiveReconcileFailures = v }, ScalarCodecs.Int32)
        .Field("consecutiveReconcileSuccesses", x => x.ConsecutiveReconcileSuccesses, (x, v) => x with { ConsecutiveReconcileSuccesses = v }, ScalarCodecs.Int32)
        .Field("deploy", x => x.Deploy, (x, v) => x with { Deploy = v }, DeployStatus.Codec)
        .Field("fetch", x => x.Fetch, (x, v) => x with { Fetch = v }, FetchStatus.Codec)
        .Field("friendlyDescription", x => x.FriendlyDescription, (x, v) => x with { FriendlyDescription = v }, ScalarCodecs.String)
        .Field("observedGeneration", x => x.ObservedGeneration, (x, v) => x with { ObservedGeneration = v }, ScalarCodecs.Int64)
        .Field("template", x => x.Template, (x, v) => x with { Template = v }, TemplateStatus.Codec)
        .Field("usefulErrorMessage", x => x.UsefulErrorMessage, (x, v) => x with { UsefulErrorMessage = v }, ScalarCodecs.String);
}

/// <summary>The result of a deploy step.</summary>
public sealed record DeployStatus
{
    /// <summary>The error, if any.</summary>
    public string? Error { get; init; }

    /// <summary>The tool's exit code.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Whether the step finished.</summary>
    public bool Finished { get; init; }

    /// <summary>What kapp deployed.</summary>
    public KappDeployStatus? Kapp { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The tool's stderr.</summary>
    public string? Stderr { get; init; }

    /// <summary>The tool's stdout.</summary>
    public string? Stdout { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    internal static ObjectCodec<DeployStatus> Codec { get; } = new ObjectCodec<DeployStatus>(() => new())
        .Field("error", x => x.Error, (x, v) => x with { Error = v }, ScalarCodecs.String)
        .Field("exitCode", x => x.ExitCode, (x, v) => x with { ExitCode = v }, ScalarCodecs.Int32)
        .Field("finished", x => x.Finished, (x, v) => x with { Finished = v }, ScalarCodecs.Bool)
        .Field("kapp", x => x.Kapp, (x, v) => x with { Kapp = v }, KappDeployStatus.Codec)
        .Field("startedAt", x => x.StartedAt, (x, v) => x with { StartedAt = v }, ScalarCodecs.Timestamp)
        .Field("stderr", x => x.Stderr, (x, v) => x with { Stderr = v }, ScalarCodecs.String)
        .Field("stdout", x => x.Stdout, (x, v) => x with { Stdout = v }, ScalarCodecs.String)
        .Field("updatedAt", x => x.UpdatedAt, (x, v) => x with { UpdatedAt = v }, ScalarCodecs.Timestamp);
}

/// <summary>What kapp deployed for an App.</summary>
public sealed record KappDeployStatus
{
    /// <summary>The App's label, namespaces and kinds.</summary>
    public AssociatedResources? AssociatedResources { get; init; }

    internal static ObjectCodec<KappDeployStatus> Codec { get; } = new ObjectCodec<KappDeployStatus>(() => new())
        .Field("associatedResources", x => x.AssociatedResources, (x, v) => x with { AssociatedResources = v }, Resources.AssociatedResources.Codec);
}

/// <summary>The resources associated with an App.</summary>
public sealed record AssociatedResources
{
    /// <summary>Their kinds.</summary>
    public IReadOnlyList<GroupKind>? GroupKinds { get; init; }

    /// <summary>The App's label.</summary>
    public string? Label { get; init; }

    /// <summary>Their namespaces.</summary>
    public IReadOnlyList<string>? Namespaces { get; init; }

    internal static ObjectCodec<AssociatedResources> Codec { get; } = new ObjectCodec<AssociatedResources>(() => new())
        .Field("groupKinds", x => x.GroupKinds, (x, v) => x with { GroupKinds = v }, CollectionCodecs.Objects(GroupKind.Codec))
        .Field("label", x => x.Label, (x, v) => x with { Label = v }, ScalarCodecs.String)
        .Field("namespaces", x => x.Namespaces, (x, v) => x with { Namespaces = v }, CollectionCodecs.Strings);
}

/// <summary>An API group and kind.</summary>
public sealed record GroupKind
{
    /// <summary>The group; empty for core.</summary>
    public string? Group { get; init; }

    /// <summary>The kind.</summary>
    public string? Kind { get; init; }

    internal static ObjectCodec<GroupKind> Codec { get; } = new ObjectCodec<GroupKind>(() => new())
        .Field("group", x => x.Group, (x, v) => x with { Group = v }, ScalarCodecs.String, required: true)
        .Field("kind", x => x.Kind, (x, v) => x with { Kind = v }, ScalarCodecs.String, required: true);
}

/// <summary>The result of a fetch step.</summary>
public sealed record FetchStatus
{
    /// <summary>The error, if any.</summary>
    public string? Error { get; init; }

    /// <summary>The tool's exit code.</summary>
    public int? ExitCode { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The tool's stderr.</summary>
    public string? Stderr { get; init; }

    /// <summary>The tool's stdout.</summary>
    public string? Stdout { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    internal static ObjectCodec<FetchStatus> Codec { get; } = new ObjectCodec<FetchStatus>(() => new())
        .Field("error", x => x.Error, (x, v) => x with { Error = v }, ScalarCodecs.String)
        .Field("exitCode", x => x.ExitCode, (x, v) => x with { ExitCode = v }, ScalarCodecs.Int32)
        .Field("startedAt", x => x.StartedAt, (x, v) => x with { StartedAt = v }, ScalarCodecs.Timestamp)
        .Field("stderr", x => x.Stderr, (x, v) => x with { Stderr = v }, ScalarCodecs.String)
        .Field("stdout", x => x.Stdout, (x, v) => x with { Stdout = v }, ScalarCodecs.String)
        .Field("updatedAt", x => x.UpdatedAt, (x, v) => x with { UpdatedAt = v }, ScalarCodecs.Timestamp);
}

/// <summary>The result of a template step.</summary>
public sealed record TemplateStatus
{
    /// <summary>The error, if any.</summary>
    public string? Error { get; init; }

    /// <summary>The tool's exit code.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The tool's stderr.</summary>
    public string? Stderr { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    internal static ObjectCodec<TemplateStatus> Codec { get; } = new ObjectCodec<TemplateStatus>(() => new())
        .Field("error", x => x.Error, (x, v) => x with { Error = v }, ScalarCodecs.String)
        .Field("exitCode", x => x.ExitCode, (x, v) => x with { ExitCode = v }, ScalarCodecs.Int32)
        .Field("stderr", x => x.Stderr, (x, v) => x with { Stderr = v }, ScalarCodecs.String)
        .Field("updatedAt", x => x.UpdatedAt, (x, v) => x with { UpdatedAt = v }, ScalarCodecs.Timestamp);
}
