using Hull.Starlark.Values;
using Hull.Templating.Text;
using Hull.Templating.Values;

namespace Hull.Templating.Evaluation;

/// <summary>Builds text: text pieces append to the root; printed values must be strings.</summary>
public readonly struct TextDialect : IEvaluationDialect<TextTemplateNode, TextNode>
{
    /// <inheritdoc/>
    public TextTemplateNode TemplateNode(object entry) => (TextTemplateNode)entry;

    /// <inheritdoc/>
    public TextNode NewNode(TextTemplateNode templateNode) => templateNode is TextRootNode ? new TextResult() : new TextResultPiece();

    /// <inheritdoc/>
    public void PrepareNode(TextNode parent, TextNode node) { }

    /// <inheritdoc/>
    public void AddChild(TextNode parent, TextNode child) => ((TextResult)parent).Pieces.Add((TextResultPiece)child);

    /// <inheritdoc/>
    public void AddOriginalValue(TextNode node, TextTemplateNode templateNode) => ((TextResultPiece)node).Text += ((TextPiece)templateNode).Content;

    /// <inheritdoc/>
    public void SetValue(TextNode node, Value value)
    {
        if (value is not StringValue s)
        {
            throw new HostError($"cannot set non-string value ({GoTypeNames.Of(value)}), consider using str(...) to convert to string");
        }
        ((TextResultPiece)node).Text = s.Value;
    }

    /// <inheritdoc/>
    public void SetMapItemKey(TextNode node, Value key) => throw new HostError("unsupported operation");

    /// <inheritdoc/>
    public void Replace(IReadOnlyList<TextNode> parents, Value value) => throw new HostError("unsupported operation");

    /// <inheritdoc/>
    public bool ShouldWrapRoot(TextNode node) => node is not TextResult;

    /// <inheritdoc/>
    public Value WrapRoot(TextNode? root) => StringValue.Of(root?.ToString() ?? "");

    /// <inheritdoc/>
    public void SetAnnotations(TextNode node, NodeAnnotations annotations) { }
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
