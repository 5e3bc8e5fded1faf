using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources.App;

/// <summary>One template step of an App spec: exactly one tool.</summary>
public sealed record AppTemplate
{
    /// <summary>Template with CUE.</summary>
    public AppTemplateCue? Cue { get; init; }

    /// <summary>Render a Helm chart with <c>helm template</c>.</summary>
    public AppTemplateHelmTemplate? HelmTemplate { get; init; }

    /// <summary>jsonnet (not implemented by kapp-controller; kept as written).</summary>
    public object? Jsonnet { get; init; }

    /// <summary>Resolve image references to digests with kbld.</summary>
    public AppTemplateKbld? Kbld { get; init; }

    /// <summary>kustomize (not implemented by kapp-controller; kept as written).</summary>
    public object? Kustomize { get; init; }

    /// <summary>Decrypt <c>*.sops.yml</c> files.</summary>
    public AppTemplateSops? Sops { get; init; }

    /// <summary>Template with ytt.</summary>
    public AppTemplateYtt? Ytt { get; init; }

    internal static ObjectCodec<AppTemplate> Codec { get; } = new ObjectCodec<AppTemplate>(() => new())
        .Field("cue", x => x.Cue, (x, v) => x with { Cue = v }, AppTemplateCue.Codec)
        .Field("helmTemplate", x => x.HelmTemplate, (x, v) => x with { HelmTemplate = v }, AppTemplateHelmTemplate.Codec)
        .Field("jsonnet", x => x.Jsonnet, (x, v) => x with { Jsonnet = v }, CollectionCodecs.Any)
        .Field("kbld", x => x.Kbld, (x, v) => x with { Kbld = v }, AppTemplateKbld.Codec)
        .Field("kustomize", x => x.Kustomize, (x, v) => x with { Kustomize = v }, CollectionCodecs.Any)
        .Field("sops", x => x.Sops, (x, v) => x with { Sops = v }, AppTemplateSops.Codec)
        .Field("ytt", x => x.Ytt, (x, v) => x with { Ytt = v }, AppTemplateYtt.Codec);
}

/// <summary>The ytt template step.</summary>
public sealed record AppTemplateYtt
{
    /// <summary>File marks passed to ytt (<c>--file-mark</c>).</summary>
    public IReadOnlyList<string>? FileMarks { get; init; }

    /// <summary>Ignore comments ytt does not recognise.</summary>
    public bool IgnoreUnknownComments { get; init; }

    /// <summary>Additional files, including data values.</summary>
    public AppFetchInline? Inline { get; init; }

    /// <summary>Paths given to ytt, e.g. <c>config/</c>.</summary>
    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>ytt's strict YAML mode.</summary>
    public bool Strict { get; init; }

    /// <summary>Data values files (<c>--data-values-file</c>).</summary>
    public IReadOnlyList<ValuesSource>? ValuesFrom { get; init; }

    internal static ObjectCodec<AppTemplateYtt> Codec { get; } = new ObjectCodec<AppTemplateYtt>(() => new())
        .Field("fileMarks", x => x.FileMarks, (x, v) => x with { FileMarks = v }, CollectionCodecs.Strings)
        .Field("ignoreUnknownComments", x => x.IgnoreUnknownComments, (x, v) => x with { IgnoreUnknownComments = v }, ScalarCodecs.Bool)
        .Field("inline", x => x.Inline, (x, v) => x with { Inline = v }, AppFetchInline.Codec)
        .Field("paths", x => x.Paths, (x, v) => x with { Paths = v }, CollectionCodecs.Strings)
        .Field("strict", x => x.Strict, (x, v) => x with { Strict = v }, ScalarCodecs.Bool)
        .Field("valuesFrom", x => x.ValuesFrom, (x, v) => x with { ValuesFrom = v }, CollectionCodecs.Objects(ValuesSource.Codec));
}

/// <summary>The kbld template step; <c>-</c> stands for the previous step's output.</summary>
public sealed record AppTemplateKbld
{
    /// <summary>Paths, e.g. <c>-</c> and <c>.imgpkg/images.yml</c>.</summary>
    public IReadOnlyList<string>? Paths { get; init; }

    internal static ObjectCodec<AppTemplateKbld> Codec { get; } = new ObjectCodec<AppTemplateKbld>(() => new())
        .Field("paths", x => x.Paths, (x, v) => x with { Paths = v }, CollectionCodecs.Strings);
}

/// <summary>The helm template step.</summary>
public sealed record AppTemplateHelmTemplate
{
    /// <summary>API group/versions to assume available.</summary>
    public KubernetesApis? KubernetesAPIs { get; init; }

    /// <summary>Kubernetes version to assume.</summary>
    public VersionValue? KubernetesVersion { get; init; }

    /// <summary>Release name; defaults to the App's.</summary>
    public string? Name { get; init; }

    /// <summary>Release namespace; defaults to the App's.</summary>
    public string? Namespace { get; init; }

    /// <summary>Path to the chart.</summary>
    public string? Path { get; init; }

    /// <summary>Values files.</summary>
    public IReadOnlyList<ValuesSource>? ValuesFrom { get; init; }

    internal static ObjectCodec<AppTemplateHelmTemplate> Codec { get; } = new ObjectCodec<AppTemplateHelmTemplate>(() => new())
        .Field("kubernetesAPIs", x => x.KubernetesAPIs, (x, v) => x with { KubernetesAPIs = v }, KubernetesApis.Codec)
        .Field("kubernetesVersion", x => x.KubernetesVersion, (x, v) => x with { KubernetesVersion = v }, VersionValue.Codec)
        .Field("name", x => x.Name, (x, v) => x with { Name = v }, ScalarCodecs.String)
        .Field("namespace", x => x.Namespace, (x, v) => x with { Namespace = v }, ScalarCodecs.String)
        .Field("path", x => x.Path, (x, v) => x with { Path = v }, ScalarCodecs.String)
        .Field("valuesFrom", x => x.ValuesFrom, (x, v) => x with { ValuesFrom = v }, CollectionCodecs.Objects(ValuesSource.Codec));
}

/// <summary>The CUE template step.</summary>
public sealed record AppTemplateCue
{
    /// <summary>Where values are unified into (optional).</summary>
    public string? InputExpression { get; init; }

    /// <summary>What to export (optional).</summary>
    public string? OutputExpression { get; init; }

    /// <summary>Files and directories.</summary>
    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>Values.</summary>
    public IReadOnlyList<ValuesSource>? ValuesFrom { get; init; }

    internal static ObjectCodec<AppTemplateCue> Codec { get; } = new ObjectCodec<AppTemplateCue>(() => new())
        .Field("inputExpression", x => x.InputExpression, (x, v) => x with { InputExpression = v }, ScalarCodecs.String)
        .Field("outputExpression", x => x.OutputExpression, (x, v) => x with { OutputExpression = v }, ScalarCodecs.String)
        .Field("paths", x => x.Paths, (x, v) => x with { Paths = v }, CollectionCodecs.Strings)
        .Field("valuesFrom", x => x.ValuesFrom, (x, v) => x with { ValuesFrom = v }, CollectionCodecs.Objects(ValuesSource.Codec));
}

/// <summary>The sops decryption step.</summary>
public sealed record AppTemplateSops
{
    /// <summary>Decrypt with age keys.</summary>
    public SopsKeys? Age { get; init; }

    /// <summary>Paths to decrypt (optional).</summary>
    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>Decrypt with PGP keys.</summary>
    public SopsKeys? Pgp { get; init; }

    internal static ObjectCodec<AppTemplateSops> Codec { get; } = new ObjectCodec<AppTemplateSops>(() => new())
        .Field("age", x => x.Age, (x, v) => x with { Age = v }, SopsKeys.Codec)
        .Field("paths", x => x.Paths, (x, v) => x with { Paths = v }, CollectionCodecs.Strings)
        .Field("pgp", x => x.Pgp, (x, v) => x with { Pgp = v }, SopsKeys.Codec);
}

/// <summary>The Secret holding sops private keys.</summary>
public sealed record SopsKeys
{
    /// <summary>The Secret (required).</summary>
    public LocalObjectRef? PrivateKeysSecretRef { get; init; }

    internal static ObjectCodec<SopsKeys> Codec { get; } = new ObjectCodec<SopsKeys>(() => new())
        .Field("privateKeysSecretRef", x => x.PrivateKeysSecretRef, (x, v) => x with { PrivateKeysSecretRef = v }, LocalObjectRef.Codec);
}
