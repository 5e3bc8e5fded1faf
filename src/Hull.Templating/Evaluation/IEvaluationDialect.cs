using Hull.Starlark.Values;

namespace Hull.Templating.Evaluation;

/// <summary>
/// How a context builds nodes of one template kind (YAML or text): <typeparamref name="TTemplate"/> is the compiled
/// template's node type, <typeparamref name="TNode"/> the type of the nodes evaluation builds.
/// </summary>
/// <remarks>Implemented by structs, so <see cref="EvaluationContext{TTemplate, TNode, TDialect}"/> calls them directly.</remarks>
public interface IEvaluationDialect<TTemplate, TNode>
    where TTemplate : class
    where TNode : class
{
    /// <summary>A node table entry as this dialect's template node (one table holds the nodes of every dialect a template uses).</summary>
    /// <remarks>Cast here, where the type is concrete: a cast to a type parameter in the shared context code costs a lookup.</remarks>
    TTemplate TemplateNode(object entry);

    /// <summary>A fresh, empty copy of a template node for this evaluation.</summary>
    TNode NewNode(TTemplate templateNode);

    /// <summary>Checks before <paramref name="node"/> is added to <paramref name="parent"/> (duplicate map keys).</summary>
    void PrepareNode(TNode parent, TNode node);

    /// <summary>Adds a started child node to its parent.</summary>
    void AddChild(TNode parent, TNode child);

    /// <summary>set_node(tag): copies the template node's own scalar value into the evaluated node.</summary>
    void AddOriginalValue(TNode node, TTemplate templateNode);

    /// <summary>set_node(tag, value): the computed value becomes the node's value.</summary>
    void SetValue(TNode node, Value value);

    /// <summary>set_map_item_key: a computed key.</summary>
    void SetMapItemKey(TNode node, Value key);

    /// <summary>template.replace: replaces the current node (last of <paramref name="parents"/>) with the value's items.</summary>
    void Replace(IReadOnlyList<TNode> parents, Value value);

    /// <summary>Whether a first node must be wrapped by its parent to become a context's root.</summary>
    bool ShouldWrapRoot(TNode node);

    /// <summary>The context's result as a Starlark value.</summary>
    Value WrapRoot(TNode? root);

    /// <summary>Stores evaluated annotations on a node.</summary>
    void SetAnnotations(TNode node, NodeAnnotations annotations);
}
