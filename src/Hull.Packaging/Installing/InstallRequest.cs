using Hull.Packaging.Rendering;
using Hull.Packaging.Resources;

namespace Hull.Packaging.Installing;

/// <summary>
/// What <c>hull package install</c> asks of a target: installation <see cref="Namespace"/>/<see cref="Name"/> of
/// package <see cref="PackageName"/> within <see cref="Constraints"/>, with values, as kctrl's install takes them.
/// </summary>
public sealed record InstallRequest
{
    /// <summary>The installation's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The package's refName.</summary>
    public required string PackageName { get; init; }

    /// <summary>The versionSelection constraint (an exact version or a range).</summary>
    public required string Constraints { get; init; }

    /// <summary>Values files, in order.</summary>
    public IReadOnlyList<PackageValues> Values { get; init; } = [];

    /// <summary>An existing service account to use instead of creating one.</summary>
    public string? ServiceAccount { get; init; }

    /// <summary>Whether the install creates its namespace (tanzu's <c>--create-namespace</c>).</summary>
    public bool CreateNamespace { get; init; }

    /// <summary>
    /// A request for installation <paramref name="ns"/>/<paramref name="name"/>, checked: the names must be valid
    /// Kubernetes names and exactly one of <paramref name="version"/> and <paramref name="constraint"/> given.
    /// </summary>
    public static InstallRequest For(string name, string ns, string packageName, string? version, string? constraint)
    {
        if (KubernetesName.Problem(ns, name) is { } problem)
        {
            throw new InstallException($"installation {ns}/{name}: {problem}");
        }
        return new InstallRequest { Name = name, Namespace = ns, PackageName = packageName, Constraints = ConstraintsOf(version, constraint) };
    }

    /// <summary>The versionSelection constraint: the exact version, or the constraint (exactly one of them).</summary>
    public static string ConstraintsOf(string? version, string? constraint) => (version, constraint) switch
    {
        (null, null) => throw new InstallException("give --version V or --version-constraint C"),
        (not null, not null) => throw new InstallException("give --version or --version-constraint, not both"),
        _ => version ?? constraint!,
    };

    /// <summary>The resources kctrl would create for the request, in the order they are applied (the PackageInstall last).</summary>
    public IReadOnlyList<IResource> Manifests() =>
        KappControllerManifests.For(Name, Namespace, PackageName, Constraints, Values.Select(v => (v.Name, v.Text)).ToList(), ServiceAccount);
}
