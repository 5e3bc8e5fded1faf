using Hull.Packaging.Resources.App;
using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources;

/// <summary>A <c>packaging.carvel.dev/v1alpha1</c> PackageRepository: where to fetch a collection of Packages and PackageMetadatas.</summary>
public sealed record PackageRepository : IResource
{
    /// <inheritdoc/>
    public string ApiVersion => ResourceKinds.PackagingV1Alpha1;

    /// <inheritdoc/>
    public string Kind => ResourceKinds.PackageRepository;

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Where the repository's contents are.</summary>
    public PackageRepositorySpec Spec { get; init; } = new();

    /// <summary>The reconciler's report; null when not reconciled.</summary>
    public PackageRepositoryStatus? Status { get; init; }

    internal static ObjectCodec<PackageRepository> Codec { get; } = new ObjectCodec<PackageRepository>(() => new())
        .Constant("apiVersion", ResourceKinds.PackagingV1Alpha1)
        .Constant("kind", ResourceKinds.PackageRepository)
        .Field("metadata", x => x.Metadata, (x, v) => x with { Metadata = v ?? new() }, ObjectMeta.Codec)
        .Field("spec", x => x.Spec, (x, v) => x with { Spec = v ?? new() }, PackageRepositorySpec.Codec, required: true)
        .Field("status", x => x.Status, (x, v) => x with { Status = v }, PackageRepositoryStatus.Codec);
}

/// <summary>A PackageRepository's spec.</summary>
public sealed record PackageRepositorySpec
{
    /// <summary>Where to fetch the repository (required).</summary>
    public PackageRepositoryFetch? Fetch { get; init; }

    /// <summary>Ignore pending changes until unpaused.</summary>
    public bool Paused { get; init; }

    /// <summary>Reconcile period.</summary>
    public string? SyncPeriod { get; init; }

    internal static ObjectCodec<PackageRepositorySpec> Codec { get; } = new ObjectCodec<PackageRepositorySpec>(() => new())
        .Field("fetch", x => x.Fetch, (x, v) => x with { Fetch = v }, PackageRepositoryFetch.Codec, required: true)
        .Field("paused", x => x.Paused, (x, v) => x with { Paused = v }, ScalarCodecs.Bool)
        .Field("syncPeriod", x => x.SyncPeriod, (x, v) => x with { SyncPeriod = v }, ScalarCodecs.String);
}

/// <summary>Where a repository's contents come from: one source.</summary>
public sealed record PackageRepositoryFetch
{
    /// <summary>A git repository.</summary>
    public AppFetchGit? Git { get; init; }

    /// <summary>A file over HTTP.</summary>
    public AppFetchHttp? Http { get; init; }

    /// <summary>An image's contents.</summary>
    public AppFetchImage? Image { get; init; }

    /// <summary>An imgpkg bundle (the usual form).</summary>
    public AppFetchImgpkgBundle? ImgpkgBundle { get; init; }

    /// <summary>Inline content.</summary>
    public AppFetchInline? Inline { get; init; }

    internal static ObjectCodec<PackageRepositoryFetch> Codec { get; } = new ObjectCodec<PackageRepositoryFetch>(() => new())
        .Field("git", x => x.Git, (x, v) => x with { Git = v }, AppFetchGit.Codec)
        .Field("http", x => x.Http, (x, v) => x with { Http = v }, AppFetchHttp.Codec)
        .Field("image", x => x.Image, (x, v) => x with { Image = v }, AppFetchImage.Codec)
        .Field("imgpkgBundle", x => x.ImgpkgBundle, (x, v) => x with { ImgpkgBundle = v }, AppFetchImgpkgBundle.Codec)
        .Field("inline", x => x.Inline, (x, v) => x with { Inline = v }, AppFetchInline.Codec);
}
