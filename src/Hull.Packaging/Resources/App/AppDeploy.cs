using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources.App;

/// <summary>One deploy step of an App spec.</summary>
public sealed record AppDeploy
{
    /// <summary>Deploy with kapp (<c>kapp: {}</c> for the defaults).</summary>
    public AppDeployKapp? Kapp { get; init; }

    internal static ObjectCodec<AppDeploy> Codec { get; } = new ObjectCodec<AppDeploy>(() => new())
        .Field("kapp", x => x.Kapp, (x, v) => x with { Kapp = v }, AppDeployKapp.Codec);
}

/// <summary>The kapp deploy step.</summary>
public sealed record AppDeployKapp
{
    /// <summary>Options for kapp delete.</summary>
    public KappCommandOptions? Delete { get; init; }

    /// <summary>Options for kapp inspect (<c>inspect: {}</c> enables it).</summary>
    public KappCommandOptions? Inspect { get; init; }

    /// <summary>Put every resource in this namespace.</summary>
    public string? IntoNs { get; init; }

    /// <summary>Namespace mappings.</summary>
    public IReadOnlyList<string>? MapNs { get; init; }

    /// <summary>Options passed to kapp deploy.</summary>
    public IReadOnlyList<string>? RawOptions { get; init; }

    internal static ObjectCodec<AppDeployKapp> Codec { get; } = new ObjectCodec<AppDeployKapp>(() => new())
        .Field("delete", x => x.Delete, (x, v) => x with { Delete = v }, KappCommandOptions.Codec)
        .Field("inspect", x => x.Inspect, (x, v) => x with { Inspect = v }, KappCommandOptions.Codec)
        .Field("intoNs", x => x.IntoNs, (x, v) => x with { IntoNs = v }, ScalarCodecs.String)
        .Field("mapNs", x => x.MapNs, (x, v) => x with { MapNs = v }, CollectionCodecs.Strings)
        .Field("rawOptions", x => x.RawOptions, (x, v) => x with { RawOptions = v }, CollectionCodecs.Strings);
}

/// <summary>Options passed through to one kapp command.</summary>
public sealed record KappCommandOptions
{
    /// <summary>The options.</summary>
    public IReadOnlyList<string>? RawOptions { get; init; }

    internal static ObjectCodec<KappCommandOptions> Codec { get; } = new ObjectCodec<KappCommandOptions>(() => new())
        .Field("rawOptions", x => x.RawOptions, (x, v) => x with { RawOptions = v }, CollectionCodecs.Strings);
}
