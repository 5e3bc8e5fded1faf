using System.Globalization;
using System.Text.Json;

namespace Hull.Packaging.Cluster;

/// <summary>
/// What Hull reads of a kapp-controller resource in a cluster (a PackageInstall or PackageRepository): identity,
/// what it asks for, and its reconcile status as <c>kubectl get pkgi/pkgr</c> shows it.
/// </summary>
public sealed record ClusterObject
{
    /// <summary>Its name.</summary>
    public required string Name { get; init; }

    /// <summary>Its namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The package's refName (PackageInstall) or the fetched bundle (PackageRepository).</summary>
    public string Source { get; init; } = "";

    /// <summary>The version constraints asked for (PackageInstall).</summary>
    public string? Constraints { get; init; }

    /// <summary><c>.status.version</c>, else the last attempted version.</summary>
    public string Version { get; init; } = "";

    /// <summary><c>.status.friendlyDescription</c>.</summary>
    public string Description { get; init; } = "";

    /// <summary><c>.status.usefulErrorMessage</c>.</summary>
    public string? UsefulErrorMessage { get; init; }

    /// <summary>True: reconciled the current generation successfully; false: failed it; null: still reconciling (or deleting).</summary>
    public bool? Succeeded { get; init; }

    /// <summary>Whether it is being deleted.</summary>
    public bool Deleting { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>The service account it installs with (PackageInstall).</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>The values Secrets it names (PackageInstall).</summary>
    public IReadOnlyList<string> ValuesSecrets { get; init; } = [];

    /// <summary>Its annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";

    /// <summary>Reads a PackageInstall or PackageRepository from the API server's JSON.</summary>
    public static ClusterObject From(JsonElement json)
    {
        var metadata = json.GetProperty("metadata");
        var spec = Property(json, "spec");
        var status = Property(json, "status");
        long generation = Property(metadata, "generation")?.GetInt64() ?? 0;
        long observed = status is { } s && Property(s, "observedGeneration") is { ValueKind: JsonValueKind.Number } o ? o.GetInt64() : -1;
        bool? succeeded = null;
        if (observed == generation && status is { } st && Property(st, "conditions") is { ValueKind: JsonValueKind.Array } conditions)
        {
            foreach (var c in conditions.EnumerateArray())
            {
                if (Text(c, "status") != "True")
                {
                    continue;
                }
                succeeded = Text(c, "type") switch
                {
                    "ReconcileSucceeded" => true,
                    "ReconcileFailed" or "DeleteFailed" => false,
                    _ => succeeded,
                };
            }
        }
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Property(metadata, "annotations") is { ValueKind: JsonValueKind.Object } a)
        {
            foreach (var p in a.EnumerateObject())
            {
                annotations[p.Name] = p.Value.GetString() ?? "";
            }
        }
        var packageRef = spec is { } sp ? Property(sp, "packageRef") : null;
        string source = packageRef is { } pr ? Text(pr, "refName") ?? ""
            : spec is { } sp2 && Property(sp2, "fetch") is { } fetch && Property(fetch, "imgpkgBundle") is { } bundle ? Text(bundle, "image") ?? "" : "";
        var secrets = new List<string>();
        if (spec is { } sp3 && Property(sp3, "values") is { ValueKind: JsonValueKind.Array } values)
        {
            secrets.AddRange(values.EnumerateArray().Select(v => Property(v, "secretRef") is { } r ? Text(r, "name") : null).OfType<string>());
        }
        return new ClusterObject
        {
            Name = Text(metadata, "name") ?? "",
            Namespace = Text(metadata, "namespace") ?? "",
            Source = source,
            Constraints = packageRef is { } pr2 && Property(pr2, "versionSelection") is { } vs ? Text(vs, "constraints") : null,
            Version = status is { } v1 ? Text(v1, "version") is { Length: > 0 } version ? version : Text(v1, "lastAttemptedVersion") ?? "" : "",
            Description = status is { } d ? Text(d, "friendlyDescription") ?? "" : "",
            UsefulErrorMessage = status is { } u ? Text(u, "usefulErrorMessage") : null,
            Succeeded = succeeded,
            Deleting = Property(metadata, "deletionTimestamp") is not null,
            Created = Text(metadata, "creationTimestamp") is { } created ? DateTimeOffset.Parse(created, CultureInfo.InvariantCulture) : DateTimeOffset.UtcNow,
            ServiceAccountName = spec is { } sa ? Text(sa, "serviceAccountName") : null,
            ValuesSecrets = secrets,
            Annotations = annotations,
        };
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement element, string name) => Property(element, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
}
