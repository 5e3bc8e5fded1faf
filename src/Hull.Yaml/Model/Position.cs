namespace Hull.Yaml;

/// <summary>Where a node came from: a file name and a 1-based line; line 0 means unknown.</summary>
public readonly record struct Position(string? File, int Line)
{
    /// <summary>The unknown position.</summary>
    public static Position Unknown => default;

    /// <summary>Whether the line is known.</summary>
    public bool IsKnown => Line > 0;

    /// <summary>ytt's compact form: `file:line`, `file:?` when the line is unknown.</summary>
    public string AsCompactString() => (File ?? "") + ":" + (IsKnown ? Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?");

    /// <inheritdoc/>
    public override string ToString() => AsCompactString();
}
