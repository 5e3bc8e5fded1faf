using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources;

/// <summary>A <c>data.packaging.carvel.dev/v1alpha1</c> PackageMetadata: what a package is, across its versions.</summary>
public sealed record PackageMetadata : IResource
{
    /// <inheritdoc/>
    public string ApiVersion => ResourceKinds.DataPackagingV1Alpha1;

    /// <inheritdoc/>
    public string Kind => ResourceKinds.PackageMetadata;

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The description.</summary>
    public PackageMetadataSpec Spec { get; init; } = new();

    internal static ObjectCodec<PackageMetadata> Codec { get; } = new ObjectCodec<PackageMetadata>(() => new())
        .Constant("apiVersion", ResourceKinds.DataPackagingV1Alpha1)
        .Constant("kind", ResourceKinds.PackageMetadata)
        .Field("metadata", x => x.Metadata, (x, v) => x with { Metadata = v ?? new() }, ObjectMeta.Codec)
        .Field("spec", x => x.Spec, (x, v) => x with { Spec = v ?? new() }, PackageMetadataSpec.Codec, required: true);
}

/// <summary>A PackageMetadata's spec.</summary>
public sealed record PackageMetadataSpec
{
    /// <summary>Classifiers.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Human friendly name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Base64 SVG icon.</summary>
    public string? IconSVGBase64 { get; init; }

    /// <summary>Long description.</summary>
    public string? LongDescription { get; init; }

    /// <summary>Maintainers.</summary>
    public IReadOnlyList<Maintainer>? Maintainers { get; init; }

    /// <summary>Who distributes the package.</summary>
    public string? ProviderName { get; init; }

    /// <summary>Short description.</summary>
    public string? ShortDescription { get; init; }

    /// <summary>Support available.</summary>
    public string? SupportDescription { get; init; }

    internal static ObjectCodec<PackageMetadataSpec> Codec { get; } = new ObjectCodec<PackageMetadataSpec>(() => new())
        .Field("categories", x => x.Categories, (x, v) => x with { Categories = v }, CollectionCodecs.Strings)
        .Field("displayName", x => x.DisplayName, (x, v) => x with { DisplayName = v }, ScalarCodecs.String)
        .Field("iconSVGBase64", x => x.IconSVGBase64, (x, v) => x with { IconSVGBase64 = v }, ScalarCodecs.String)
        .Field("longDescription", x => x.LongDescription, (x, v) => x with { LongDescription = v }, ScalarCodecs.String)
        .Field("maintainers", x => x.Maintainers, (x, v) => x with { Maintainers = v }, CollectionCodecs.Objects(Maintainer.Codec))
        .Field("providerName", x => x.ProviderName, (x, v) => x with { ProviderName = v }, ScalarCodecs.String)
        .Field("shortDescription", x => x.ShortDescription, (x, v) => x with { ShortDescription = v }, ScalarCodecs.String)
        .Field("supportDescription", x => x.SupportDescription, (x, v) => x with { SupportDescription = v }, ScalarCodecs.String);
}

/// <summary>A package maintainer.</summary>
public sealed record Maintainer
{
    /// <summary>The maintainer's name.</summary>
    public string? Name { get; init; }

    internal static ObjectCodec<Maintainer> Codec { get; } = new ObjectCodec<Maintainer>(() => new())
        .Field("name", x => x.Name, (x, v) => x with { Name = v }, ScalarCodecs.String);
}
