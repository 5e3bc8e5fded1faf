namespace Hull.Yaml;

/// <summary>How to parse.</summary>
public sealed record YamlParseOptions
{
    /// <summary>Defaults: comments kept.</summary>
    public static YamlParseOptions Default { get; } = new();

    /// <summary>Drop comments (faster; for plain data such as data values files).</summary>
    public bool WithoutComments { get; init; }

    /// <summary>ytt's strict subset (`--strict`): ambiguous plain scalars (yes, ~, 0x1F, unquoted text with spaces) are errors.</summary>
    public bool Strict { get; init; }
}
