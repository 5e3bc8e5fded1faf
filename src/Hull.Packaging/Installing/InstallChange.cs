using Hull.Packaging.Rendering;

namespace Hull.Packaging.Installing;

/// <summary>
/// What <c>hull package installed update</c> changes: the version selection (when <see cref="Constraints"/> is set)
/// and the values (when <see cref="Values"/> is not empty, replacing the old ones); neither means reconcile as is.
/// </summary>
public sealed record InstallChange
{
    /// <summary>The new versionSelection constraint, or null to keep it.</summary>
    public string? Constraints { get; init; }

    /// <summary>The new values files, or none to keep the old values.</summary>
    public IReadOnlyList<PackageValues> Values { get; init; } = [];

    /// <summary>A change from the update flags: a new version or constraint (at most one of them) and values.</summary>
    public static InstallChange For(string? version, string? constraint, IReadOnlyList<PackageValues> values) => new()
    {
        Constraints = version is null && constraint is null ? null : InstallRequest.ConstraintsOf(version, constraint),
        Values = values,
    };

    /// <summary>The values Secret an installation gets for the new values (the one the install created), or null when the values stay.</summary>
    public Resources.Secret? ValuesSecret(string name, string ns) =>
        Values.Count == 0 ? null : KappControllerManifests.ValuesSecret(name, ns, Values.Select(v => (v.Name, v.Text)).ToList());
}
