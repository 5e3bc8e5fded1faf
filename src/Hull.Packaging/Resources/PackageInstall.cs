using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources;

/// <summary>A <c>packaging.carvel.dev/v1alpha1</c> PackageInstall: an installation of a package version chosen by constraints.</summary>
public sealed record PackageInstall : IResource
{
    /// <inheritdoc/>
    public string ApiVersion => ResourceKinds.PackagingV1Alpha1;

    /// <inheritdoc/>
    public string Kind => ResourceKinds.PackageInstall;

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>What to install and how.</summary>
    public PackageInstallSpec Spec { get; init; } = new();

    /// <summary>The reconciler's report; null when not reconciled.</summary>
    public PackageInstallStatus? Status { get; init; }

    internal static ObjectCodec<PackageInstall> Codec { get; } = new ObjectCodec<PackageInstall>(() => new())
        .Constant("apiVersion", ResourceKinds.PackagingV1Alpha1)
        .Constant("kind", ResourceKinds.PackageInstall)
        .Field("metadata", x => x.Metadata, (x, v) => x with { Metadata = v ?? new() }, ObjectMeta.Codec)
        .Field("spec", x => x.Spec, (x, v) => x with { Spec = v ?? new() }, PackageInstallSpec.Codec, required: true)
        .Field("status", x => x.Status, (x, v) => x with { Status = v }, PackageInstallStatus.Codec);
}

/// <summary>A PackageInstall's spec.</summary>
public sealed record PackageInstallSpec
{
    /// <summary>Stops all active changes.</summary>
    public bool Canceled { get; init; }

    /// <summary>Deploy to another cluster.</summary>
    public ClusterTarget? Cluster { get; init; }

    /// <summary>Deleting the install keeps the App's resources.</summary>
    public bool NoopDelete { get; init; }

    /// <summary>The package and version selection (required).</summary>
    public PackageRef? PackageRef { get; init; }

    /// <summary>Ignore pending changes until unpaused.</summary>
    public bool Paused { get; init; }

    /// <summary>The service account that installs the package's resources.</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>Reconcile period, e.g. <c>10m</c> (at least 30s).</summary>
    public string? SyncPeriod { get; init; }

    /// <summary>Values Secrets, given to the first template step.</summary>
    public IReadOnlyList<PackageInstallValues>? Values { get; init; }

    internal static ObjectCodec<PackageInstallSpec> Codec { get; } = new ObjectCodec<PackageInstallSpec>(() => new())
        .Field("canceled", x => x.Canceled, (x, v) => x with { Canceled = v }, ScalarCodecs.Bool)
        .Field("cluster", x => x.Cluster, (x, v) => x with { Cluster = v }, ClusterTarget.Codec)
        .Field("noopDelete", x => x.NoopDelete, (x, v) => x with { NoopDelete = v }, ScalarCodecs.Bool)
        .Field("packageRef", x => x.PackageRef, (x, v) => x with { PackageRef = v }, Resources.PackageRef.Codec)
        .Field("paused", x => x.Paused, (x, v) => x with { Paused = v }, ScalarCodecs.Bool)
        .Field("serviceAccountName", x => x.ServiceAccountName, (x, v) => x with { ServiceAccountName = v }, ScalarCodecs.String)
        .Field("syncPeriod", x => x.SyncPeriod, (x, v) => x with { SyncPeriod = v }, ScalarCodecs.String)
        .Field("values", x => x.Values, (x, v) => x with { Values = v }, CollectionCodecs.Objects(PackageInstallValues.Codec));
}

/// <summary>Which package, and which of its versions.</summary>
public sealed record PackageRef
{
    /// <summary>The PackageMetadata name.</summary>
    public string? RefName { get; init; }

    /// <summary>The versions admitted; the highest wins.</summary>
    public SemverSelection? VersionSelection { get; init; }

    internal static ObjectCodec<PackageRef> Codec { get; } = new ObjectCodec<PackageRef>(() => new())
        .Field("refName", x => x.RefName, (x, v) => x with { RefName = v }, ScalarCodecs.String)
        .Field("versionSelection", x => x.VersionSelection, (x, v) => x with { VersionSelection = v }, SemverSelection.Codec);
}

/// <summary>One values source of a PackageInstall.</summary>
public sealed record PackageInstallValues
{
    /// <summary>The Secret holding values files.</summary>
    public ValuesSecretRef? SecretRef { get; init; }

    internal static ObjectCodec<PackageInstallValues> Codec { get; } = new ObjectCodec<PackageInstallValues>(() => new())
        .Field("secretRef", x => x.SecretRef, (x, v) => x with { SecretRef = v }, ValuesSecretRef.Codec);
}

/// <summary>A values Secret, and optionally the one key to use.</summary>
public sealed record ValuesSecretRef
{
    /// <summary>The key; every key when null.</summary>
    public string? Key { get; init; }

    /// <summary>The Secret's name.</summary>
    public string? Name { get; init; }

    internal static ObjectCodec<ValuesSecretRef> Codec { get; } = new ObjectCodec<ValuesSecretRef>(() => new())
        .Field("key", x => x.Key, (x, v) => x with { Key = v }, ScalarCodecs.String)
        .Field("name", x => x.Name, (x, v) => x with { Name = v }, ScalarCodecs.String);
}

/// <summary>A PackageInstall's status.</summary>
public sealed record PackageInstallStatus
{
    /// <summary>Reconcile conditions.</summary>
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <summary>One-line state, e.g. <c>Reconcile succeeded</c>.</summary>
    public string? FriendlyDescription { get; init; }

    /// <summary>The version last attempted (not necessarily installed).</summary>
    public string? LastAttemptedVersion { get; init; }

    /// <summary>The generation this status describes.</summary>
    public long? ObservedGeneration { get; init; }

    /// <summary>The error a user can act on, when failing.</summary>
    public string? UsefulErrorMessage { get; init; }

    /// <summary>The selected version.</summary>
    public string? Version { get; init; }

    internal static ObjectCodec<PackageInstallStatus> Codec { get; } = new ObjectCodec<PackageInstallStatus>(() => new())
        .Field("conditions", x => x.Conditions, (x, v) => x with { Conditions = v }, CollectionCodecs.Objects(Condition.Codec))
        .Field("friendlyDescription", x => x.FriendlyDescription, (x, v) => x with { FriendlyDescription = v }, ScalarCodecs.String)
        .Field("lastAttemptedVersion", x => x.LastAttemptedVersion, (x, v) => x with { LastAttemptedVersion = v }, ScalarCodecs.String)
        .Field("observedGeneration", x => x.ObservedGeneration, (x, v) => x with { ObservedGeneration = v }, ScalarCodecs.Int64)
        .Field("usefulErrorMessage", x => x.UsefulErrorMessage, (x, v) => x with { UsefulErrorMessage = v }, ScalarCodecs.String)
        .Field("version", x => x.Version, (x, v) => x with { Version = v }, ScalarCodecs.String);
}
