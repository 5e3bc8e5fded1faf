using Hull.Packaging.Resources;

namespace Hull.Packaging.Installing;

/// <summary>
/// One installation in a target's install database: the PackageInstall as asked for, the values it owns, and what a
/// PackageInstall's status holds after the last reconcile (plus what the target needs: the resources and files it owns).
/// </summary>
public sealed record Installation
{
    /// <summary>The PackageInstall (spec as requested; metadata name and namespace identify the installation).</summary>
    public required PackageInstall Install { get; init; }

    /// <summary>Values Secrets the installation itself holds (the user's, for installs made from the command line).</summary>
    public IReadOnlyList<Secret> Values { get; init; } = [];

    /// <summary>The installation whose rendered output holds this PackageInstall (<c>namespace/name</c>), null for a user's.</summary>
    public string? Parent { get; init; }

    /// <summary>The version last deployed.</summary>
    public string? Version { get; init; }

    /// <summary>The version last attempted.</summary>
    public string? LastAttemptedVersion { get; init; }

    /// <summary>The bundle last deployed, by digest.</summary>
    public string? Bundle { get; init; }

    /// <summary>sha256 of the values last deployed.</summary>
    public string? ValuesDigest { get; init; }

    /// <summary>The resources it owns.</summary>
    public IReadOnlyList<ResourceKey> Resources { get; init; } = [];

    /// <summary>The files it owns, relative to the target root.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>CustomResourceDefinitions it provides (<c>group/Kind</c>), so dependants can tell when they may deploy.</summary>
    public IReadOnlyList<string> Provides { get; init; } = [];

    /// <summary>
    /// What the install command created beside the PackageInstall, as tanzu does (its ServiceAccount, ClusterRole and
    /// ClusterRoleBinding; the Namespace with <c>--create-namespace</c>): they exist until the installation is deleted.
    /// </summary>
    public IReadOnlyList<ResourceKey> CreatedResources { get; init; } = [];

    /// <summary>Whether the last reconcile succeeded (null: never attempted).</summary>
    public bool? Succeeded { get; init; }

    /// <summary>The last failure, one line.</summary>
    public string? UsefulErrorMessage { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>When it was last reconciled.</summary>
    public DateTimeOffset? LastAttempt { get; init; }

    /// <summary>The installation's name.</summary>
    public string Name => Install.Metadata.Name ?? "";

    /// <summary>The installation's namespace.</summary>
    public string Namespace => Install.Metadata.Namespace ?? "default";

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";

    /// <summary>The status line <c>kubectl get pkgi</c> shows in DESCRIPTION.</summary>
    public string Description => Succeeded switch
    {
        true => "Reconcile succeeded",
        false => "Reconcile failed: Error (see .status.usefulErrorMessage for details)",
        null => "Reconciling",
    };
}
