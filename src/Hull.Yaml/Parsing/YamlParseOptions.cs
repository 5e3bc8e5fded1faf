namespace Hull.Yaml;

/// <summary>How to parse.</summary>
public sealed record YamlParseOptions
{
    /// <summary>Defaults: comments kept.</summary>
    public static YamlParseOptions Default { get; } = new();

    /// <summary>Drop comments (faster; for plain data such as data values files).</summary>
    public bool WithoutComments { get; init; }
}
