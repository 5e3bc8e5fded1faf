using Hull.Packaging.Resources.App;
using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources;

/// <summary>
/// A <c>data.packaging.carvel.dev/v1alpha1</c> Package: one version of a package, how to fetch, template and
/// deploy it. Its name is <c>&lt;refName&gt;.&lt;version&gt;</c>.
/// </summary>
public sealed record Package : IResource
{
    /// <inheritdoc/>
    public string ApiVersion => ResourceKinds.DataPackagingV1Alpha1;

    /// <inheritdoc/>
    public string Kind => ResourceKinds.Package;

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The package version's description.</summary>
    public PackageSpec Spec { get; init; } = new();

    internal static ObjectCodec<Package> Codec { get; } = new ObjectCodec<Package>(() => new())
        .Constant("apiVersion", ResourceKinds.DataPackagingV1Alpha1)
        .Constant("kind", ResourceKinds.Package)
        .Field("metadata", x => x.Metadata, (x, v) => x with { Metadata = v ?? new() }, ObjectMeta.Codec)
        .Field("spec", x => x.Spec, (x, v) => x with { Spec = v ?? new() }, PackageSpec.Codec, required: true);
}

/// <summary>A Package's spec.</summary>
public sealed record PackageSpec
{
    /// <summary>System requirements (not verified by kapp-controller).</summary>
    public string? CapacityRequirementsDescription { get; init; }

    /// <summary>Software the package contains, when its versions differ from the package's.</summary>
    public IReadOnlyList<IncludedSoftware>? IncludedSoftware { get; init; }

    /// <summary>kapp-controller versions that can install this package.</summary>
    public VersionConstraints? KappControllerVersionSelection { get; init; }

    /// <summary>Kubernetes versions this package can be installed on.</summary>
    public VersionConstraints? KubernetesVersionSelection { get; init; }

    /// <summary>Licenses of the package's software.</summary>
    public IReadOnlyList<string>? Licenses { get; init; }

    /// <summary>The PackageMetadata name this is a version of (required).</summary>
    public string? RefName { get; init; }

    /// <summary>Release notes of this version.</summary>
    public string? ReleaseNotes { get; init; }

    /// <summary>When this version was released.</summary>
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>How to install it: an App spec.</summary>
    public PackageTemplate? Template { get; init; }

    /// <summary>The OpenAPI v3 schema of the values users may give.</summary>
    public ValuesSchema? ValuesSchema { get; init; }

    /// <summary>The version, valid semver (required).</summary>
    public string? Version { get; init; }

    internal static ObjectCodec<PackageSpec> Codec { get; } = new ObjectCodec<PackageSpec>(() => new())
        .Field("capacityRequirementsDescription", x => x.CapacityRequirementsDescription, (x, v) => x with { CapacityRequirementsDescription = v }, ScalarCodecs.String)
        .Field("includedSoftware", x => x.IncludedSoftware, (x, v) => x with { IncludedSoftware = v }, CollectionCodecs.Objects(Resources.IncludedSoftware.Codec))
        .Field("kappControllerVersionSelection", x => x.KappControllerVersionSelection, (x, v) => x with { KappControllerVersionSelection = v }, VersionConstraints.Codec)
        .Field("kubernetesVersionSelection", x => x.KubernetesVersionSelection, (x, v) => x with { KubernetesVersionSelection = v }, VersionConstraints.Codec)
        .Field("licenses", x => x.Licenses, (x, v) => x with { Licenses = v }, CollectionCodecs.Strings)
        .Field("refName", x => x.RefName, (x, v) => x with { RefName = v }, ScalarCodecs.String)
        .Field("releaseNotes", x => x.ReleaseNotes, (x, v) => x with { ReleaseNotes = v }, ScalarCodecs.String)
        .Field("releasedAt", x => x.ReleasedAt, (x, v) => x with { ReleasedAt = v }, ScalarCodecs.Timestamp)
        .Field("template", x => x.Template, (x, v) => x with { Template = v }, PackageTemplate.Codec)
        .Field("valuesSchema", x => x.ValuesSchema, (x, v) => x with { ValuesSchema = v }, Resources.ValuesSchema.Codec)
        .Field("version", x => x.Version, (x, v) => x with { Version = v }, ScalarCodecs.String);
}

/// <summary>A piece of software a package contains.</summary>
public sealed record IncludedSoftware
{
    /// <summary>What it is.</summary>
    public string? Description { get; init; }

    /// <summary>Its name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Its version.</summary>
    public string? Version { get; init; }

    internal static ObjectCodec<IncludedSoftware> Codec { get; } = new ObjectCodec<IncludedSoftware>(() => new())
        .Field("description", x => x.Description, (x, v) => x with { Description = v }, ScalarCodecs.String)
        .Field("displayName", x => x.DisplayName, (x, v) => x with { DisplayName = v }, ScalarCodecs.String)
        .Field("version", x => x.Version, (x, v) => x with { Version = v }, ScalarCodecs.String);
}

/// <summary>A Package's <c>template</c>: the App spec kapp-controller creates for each install.</summary>
public sealed record PackageTemplate
{
    /// <summary>The App spec (required).</summary>
    public AppSpec? Spec { get; init; }

    internal static ObjectCodec<PackageTemplate> Codec { get; } = new ObjectCodec<PackageTemplate>(() => new())
        .Field("spec", x => x.Spec, (x, v) => x with { Spec = v }, AppSpec.Codec, required: true);
}

/// <summary>A Package's values schema.</summary>
public sealed record ValuesSchema
{
    /// <summary>The OpenAPI v3 schema document, as Hull.Yaml values (a map), kept as written.</summary>
    public object? OpenAPIv3 { get; init; }

    internal static ObjectCodec<ValuesSchema> Codec { get; } = new ObjectCodec<ValuesSchema>(() => new())
        .Field("openAPIv3", x => x.OpenAPIv3, (x, v) => x with { OpenAPIv3 = v }, CollectionCodecs.Any);
}
