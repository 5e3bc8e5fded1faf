using Hull.Starlark.Values;

namespace Hull.Templating.Evaluation;

/// <summary>How a context builds nodes of one template kind (YAML or text).</summary>
public interface IEvaluationDialect
{
    /// <summary>A fresh, empty copy of a template node for this evaluation.</summary>
    object NewNode(object templateNode);

    /// <summary>Checks before <paramref name="node"/> is added to <paramref name="parent"/> (duplicate map keys).</summary>
    void PrepareNode(object parent, object node);

    /// <summary>Adds a started child node to its parent.</summary>
    void AddChild(object parent, object child);

    /// <summary>set_node(tag): copies the template node's own scalar value into the evaluated node.</summary>
    void AddOriginalValue(object node, object templateNode);

    /// <summary>set_node(tag, value): the computed value becomes the node's value.</summary>
    void SetValue(object node, Value value);

    /// <summary>set_map_item_key: a computed key.</summary>
    void SetMapItemKey(object node, Value key);

    /// <summary>template.replace: replaces the current node (last of <paramref name="parents"/>) with the value's items.</summary>
    void Replace(IReadOnlyList<object> parents, Value value);

    /// <summary>Whether a first node must be wrapped by its parent to become a context's root.</summary>
    bool ShouldWrapRoot(object node);

    /// <summary>The context's result as a Starlark value.</summary>
    Value WrapRoot(object? root);

    /// <summary>Stores evaluated annotations on a node.</summary>
    void SetAnnotations(object node, NodeAnnotations annotations);
}
