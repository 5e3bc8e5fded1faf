using Hull.Starlark.Values;

namespace Hull.Templating.Evaluation;

/// <summary>An evaluated annotation on a node: its positional and keyword arguments and where it was written.</summary>
/// <param name="Args">Positional arguments.</param>
/// <param name="Kwargs">Keyword arguments.</param>
/// <param name="Line">Line of the annotation comment.</param>
public sealed record NodeAnnotation(Value[] Args, KeyValuePair<string, Value>[] Kwargs, int Line)
{
    /// <summary>The file of the annotation when it differs from its node's (schema rules attached to values).</summary>
    public string? File { get; init; }
}

/// <summary>The annotations of one evaluated node by name (overlays, data values and schemas read these).</summary>
public sealed class NodeAnnotations : Dictionary<string, NodeAnnotation>
{
    /// <summary>Creates an empty set.</summary>
    public NodeAnnotations() : base(StringComparer.Ordinal) { }
}
