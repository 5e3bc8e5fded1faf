namespace Hull.Yaml;

/// <summary>How <see cref="YamlEmitter"/> writes YAML.</summary>
public sealed record YamlEmitOptions
{
    /// <summary>
    /// ytt's output: its fork of go-yaml v2 starts the emitter with no preferred width (as go-yaml v2.3.0 did), so
    /// long scalars stay on one line.
    /// </summary>
    public static YamlEmitOptions Default { get; } = new();

    /// <summary>
    /// go-yaml v2.4's default, which sigs.k8s.io/yaml keeps unless FutureLineWrap is called: what kbld writes.
    /// </summary>
    public static YamlEmitOptions Folded { get; } = new() { FoldLongLines = true };

    /// <summary>
    /// Whether a plain or quoted scalar is broken at a space once its line passes column 80 (go-yaml's best width).
    /// Block scalars, keys, flow collections and words longer than the width stay whole.
    /// </summary>
    public bool FoldLongLines { get; init; }
}
