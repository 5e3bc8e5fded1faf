using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources.App;

/// <summary>One fetch step of an App spec: exactly one source, placed under <see cref="Path"/>.</summary>
public sealed record AppFetch
{
    /// <summary>Clone a git repository.</summary>
    public AppFetchGit? Git { get; init; }

    /// <summary>Fetch a Helm chart.</summary>
    public AppFetchHelmChart? HelmChart { get; init; }

    /// <summary>Download a file over HTTP.</summary>
    public AppFetchHttp? Http { get; init; }

    /// <summary>Pull an image's contents.</summary>
    public AppFetchImage? Image { get; init; }

    /// <summary>Pull an imgpkg bundle (what packages use).</summary>
    public AppFetchImgpkgBundle? ImgpkgBundle { get; init; }

    /// <summary>Content from this resource or from Secrets and ConfigMaps.</summary>
    public AppFetchInline? Inline { get; init; }

    /// <summary>Relative path to place the fetched artifacts.</summary>
    public string? Path { get; init; }

    internal static ObjectCodec<AppFetch> Codec { get; } = new ObjectCodec<AppFetch>(() => new())
        .Field("git", x => x.Git, (x, v) => x with { Git = v }, AppFetchGit.Codec)
        .Field("helmChart", x => x.HelmChart, (x, v) => x with { HelmChart = v }, AppFetchHelmChart.Codec)
        .Field("http", x => x.Http, (x, v) => x with { Http = v }, AppFetchHttp.Codec)
        .Field("image", x => x.Image, (x, v) => x with { Image = v }, AppFetchImage.Codec)
        .Field("imgpkgBundle", x => x.ImgpkgBundle, (x, v) => x with { ImgpkgBundle = v }, AppFetchImgpkgBundle.Codec)
        .Field("inline", x => x.Inline, (x, v) => x with { Inline = v }, AppFetchInline.Codec)
        .Field("path", x => x.Path, (x, v) => x with { Path = v }, ScalarCodecs.String);
}

/// <summary>Clones a git repository.</summary>
public sealed record AppFetchGit
{
    /// <summary>Skip LFS downloads.</summary>
    public bool LfsSkipSmudge { get; init; }

    /// <summary>Branch, tag or commit.</summary>
    public string? Ref { get; init; }

    /// <summary>Resolve the ref by semver over tags.</summary>
    public TagSelection? RefSelection { get; init; }

    /// <summary>Secret with ssh-privatekey, ssh-knownhosts, username, password.</summary>
    public LocalObjectRef? SecretRef { get; init; }

    /// <summary>Only this part of the repository.</summary>
    public string? SubPath { get; init; }

    /// <summary>HTTP or SSH URL (required).</summary>
    public string? Url { get; init; }

    internal static ObjectCodec<AppFetchGit> Codec { get; } = new ObjectCodec<AppFetchGit>(() => new())
        .Field("lfsSkipSmudge", x => x.LfsSkipSmudge, (x, v) => x with { LfsSkipSmudge = v }, ScalarCodecs.Bool)
        .Field("ref", x => x.Ref, (x, v) => x with { Ref = v }, ScalarCodecs.String)
        .Field("refSelection", x => x.RefSelection, (x, v) => x with { RefSelection = v }, TagSelection.Codec)
        .Field("secretRef", x => x.SecretRef, (x, v) => x with { SecretRef = v }, LocalObjectRef.Codec)
        .Field("subPath", x => x.SubPath, (x, v) => x with { SubPath = v }, ScalarCodecs.String)
        .Field("url", x => x.Url, (x, v) => x with { Url = v }, ScalarCodecs.String);
}

/// <summary>Fetches a Helm chart.</summary>
public sealed record AppFetchHelmChart
{
    /// <summary>The chart, e.g. <c>stable/redis</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The chart repository.</summary>
    public HelmChartRepository? Repository { get; init; }

    /// <summary>The chart version.</summary>
    public string? Version { get; init; }

    internal static ObjectCodec<AppFetchHelmChart> Codec { get; } = new ObjectCodec<AppFetchHelmChart>(() => new())
        .Field("name", x => x.Name, (x, v) => x with { Name = v }, ScalarCodecs.String)
        .Field("repository", x => x.Repository, (x, v) => x with { Repository = v }, HelmChartRepository.Codec)
        .Field("version", x => x.Version, (x, v) => x with { Version = v }, ScalarCodecs.String);
}

/// <summary>A Helm chart repository.</summary>
public sealed record HelmChartRepository
{
    /// <summary>Secret with credentials.</summary>
    public LocalObjectRef? SecretRef { get; init; }

    /// <summary>Repository URL; <c>oci://</c> for OCI charts (required).</summary>
    public string? Url { get; init; }

    internal static ObjectCodec<HelmChartRepository> Codec { get; } = new ObjectCodec<HelmChartRepository>(() => new())
        .Field("secretRef", x => x.SecretRef, (x, v) => x with { SecretRef = v }, LocalObjectRef.Codec)
        .Field("url", x => x.Url, (x, v) => x with { Url = v }, ScalarCodecs.String);
}

/// <summary>Downloads a file (plain, tgz, zip) over HTTP.</summary>
public sealed record AppFetchHttp
{
    /// <summary>Secret with username and password.</summary>
    public LocalObjectRef? SecretRef { get; init; }

    /// <summary>Checksum to verify.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Only this part of the download.</summary>
    public string? SubPath { get; init; }

    /// <summary>The URL (required).</summary>
    public string? Url { get; init; }

    internal static ObjectCodec<AppFetchHttp> Codec { get; } = new ObjectCodec<AppFetchHttp>(() => new())
        .Field("secretRef", x => x.SecretRef, (x, v) => x with { SecretRef = v }, LocalObjectRef.Codec)
        .Field("sha256", x => x.Sha256, (x, v) => x with { Sha256 = v }, ScalarCodecs.String)
        .Field("subPath", x => x.SubPath, (x, v) => x with { SubPath = v }, ScalarCodecs.String)
        .Field("url", x => x.Url, (x, v) => x with { Url = v }, ScalarCodecs.String);
}

/// <summary>Pulls the contents of an image.</summary>
public sealed record AppFetchImage
{
    /// <summary>Secret with username, password or token.</summary>
    public LocalObjectRef? SecretRef { get; init; }

    /// <summary>Only this part of the image.</summary>
    public string? SubPath { get; init; }

    /// <summary>Choose a tag by semver (then the URL has no tag).</summary>
    public TagSelection? TagSelection { get; init; }

    /// <summary>The image reference (required).</summary>
    public string? Url { get; init; }

    internal static ObjectCodec<AppFetchImage> Codec { get; } = new ObjectCodec<AppFetchImage>(() => new())
        .Field("secretRef", x => x.SecretRef, (x, v) => x with { SecretRef = v }, LocalObjectRef.Codec)
        .Field("subPath", x => x.SubPath, (x, v) => x with { SubPath = v }, ScalarCodecs.String)
        .Field("tagSelection", x => x.TagSelection, (x, v) => x with { TagSelection = v }, TagSelection.Codec)
        .Field("url", x => x.Url, (x, v) => x with { Url = v }, ScalarCodecs.String);
}

/// <summary>Pulls an imgpkg bundle.</summary>
public sealed record AppFetchImgpkgBundle
{
    /// <summary>The bundle reference, by digest for released packages (required).</summary>
    public string? Image { get; init; }

    /// <summary>Secret with username, password or token.</summary>
    public LocalObjectRef? SecretRef { get; init; }

    /// <summary>Choose a tag by semver (then the image has no tag).</summary>
    public TagSelection? TagSelection { get; init; }

    internal static ObjectCodec<AppFetchImgpkgBundle> Codec { get; } = new ObjectCodec<AppFetchImgpkgBundle>(() => new())
        .Field("image", x => x.Image, (x, v) => x with { Image = v }, ScalarCodecs.String)
        .Field("secretRef", x => x.SecretRef, (x, v) => x with { SecretRef = v }, LocalObjectRef.Codec)
        .Field("tagSelection", x => x.TagSelection, (x, v) => x with { TagSelection = v }, TagSelection.Codec);
}

/// <summary>Files given inline, or taken from Secrets and ConfigMaps.</summary>
public sealed record AppFetchInline
{
    /// <summary>Path to content.</summary>
    public IReadOnlyDictionary<string, string>? Paths { get; init; }

    /// <summary>Secrets and ConfigMaps whose keys become files.</summary>
    public IReadOnlyList<InlineSource>? PathsFrom { get; init; }

    internal static ObjectCodec<AppFetchInline> Codec { get; } = new ObjectCodec<AppFetchInline>(() => new())
        .Field("paths", x => x.Paths, (x, v) => x with { Paths = v }, CollectionCodecs.StringMap)
        .Field("pathsFrom", x => x.PathsFrom, (x, v) => x with { PathsFrom = v }, CollectionCodecs.Objects(InlineSource.Codec));
}

/// <summary>A Secret or a ConfigMap providing inline files.</summary>
public sealed record InlineSource
{
    /// <summary>A ConfigMap.</summary>
    public DirectoryObjectRef? ConfigMapRef { get; init; }

    /// <summary>A Secret.</summary>
    public DirectoryObjectRef? SecretRef { get; init; }

    internal static ObjectCodec<InlineSource> Codec { get; } = new ObjectCodec<InlineSource>(() => new())
        .Field("configMapRef", x => x.ConfigMapRef, (x, v) => x with { ConfigMapRef = v }, DirectoryObjectRef.Codec)
        .Field("secretRef", x => x.SecretRef, (x, v) => x with { SecretRef = v }, DirectoryObjectRef.Codec);
}
