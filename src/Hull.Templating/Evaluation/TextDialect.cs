using System.Text;
using Hull.Starlark.Values;
using Hull.Templating.Text;
using Hull.Templating.Values;

namespace Hull.Templating.Evaluation;

/// <summary>An evaluated text template: pieces of text in order.</summary>
public sealed class TextResult
{
    /// <summary>The pieces.</summary>
    public List<StringBuilder> Pieces { get; } = [];

    /// <summary>The text.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var p in Pieces) sb.Append(p);
        return sb.ToString();
    }
}

/// <summary>Builds text: text pieces append to the root; printed values must be strings.</summary>
public sealed class TextDialect : IEvaluationDialect
{
    /// <summary>The instance.</summary>
    public static readonly TextDialect Instance = new();

    /// <inheritdoc/>
    public object NewNode(object templateNode) => templateNode is TextRootNode ? new TextResult() : new StringBuilder();

    /// <inheritdoc/>
    public void PrepareNode(object parent, object node) { }

    /// <inheritdoc/>
    public void AddChild(object parent, object child) => ((TextResult)parent).Pieces.Add((StringBuilder)child);

    /// <inheritdoc/>
    public void AddOriginalValue(object node, object templateNode) => ((StringBuilder)node).Append(((TextPiece)templateNode).Content);

    /// <inheritdoc/>
    public void SetValue(object node, Value value)
    {
        if (value is not StringValue s)
        {
            throw new HostError($"cannot set non-string value ({GoTypeNames.Of(value)}), consider using str(...) to convert to string");
        }
        var sb = (StringBuilder)node;
        sb.Clear();
        sb.Append(s.Value);
    }

    /// <inheritdoc/>
    public void SetMapItemKey(object node, Value key) => throw new HostError("unsupported operation");

    /// <inheritdoc/>
    public void Replace(IReadOnlyList<object> parents, Value value) => throw new HostError("unsupported operation");

    /// <inheritdoc/>
    public bool ShouldWrapRoot(object node) => node is not TextResult;

    /// <inheritdoc/>
    public Value WrapRoot(object? root) => StringValue.Of(root?.ToString() ?? "");

    /// <inheritdoc/>
    public void SetAnnotations(object node, NodeAnnotations annotations) { }
}

/// <summary>The Go type names ytt's messages use for Starlark values.</summary>
public static class GoTypeNames
{
    /// <summary>Go's %T of the value's converted form.</summary>
    public static string Of(Value v) => v switch
    {
        IntValue => "int64",
        FloatValue => "float64",
        BoolValue => "bool",
        NoneValue => "<nil>",
        ListValue or TupleValue => "[]interface {}",
        DictValue or YttStruct => "*orderedmap.Map",
        _ => v.Type,
    };
}
