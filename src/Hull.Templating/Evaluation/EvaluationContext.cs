using Hull.Starlark.Values;
using Hull.Templating.Compilation;

namespace Hull.Templating.Evaluation;

/// <summary>Builds one tree of nodes as generated code runs: the template's top level, or one call of a fragment function.</summary>
/// <remarks>The host functions of a template drive contexts of either kind through this base.</remarks>
public abstract class EvaluationContext
{
    /// <summary>The root node, once a node was started (a document set or a text result for a template's top level).</summary>
    public abstract object? RootNode { get; }

    /// <summary>The root as a Starlark value (a fragment, or the text).</summary>
    public abstract Value RootValue();

    /// <summary>start_node(tag).</summary>
    public abstract void StartNode(int tag);

    /// <summary>set_node(tag) and set_node(tag, value).</summary>
    public abstract void SetNode(int tag, Value? value);

    /// <summary>set_map_item_key(tag, key).</summary>
    public abstract void SetMapItemKey(int tag, Value key);

    /// <summary>start_node_annotation(tag, name, (args, kwargs...)).</summary>
    public abstract void StartNodeAnnotation(int tag, string name, NodeAnnotation ann);

    /// <summary>template.replace(value).</summary>
    public abstract void Replace(Value value);
}

/// <summary>A context building nodes of type <typeparamref name="TNode"/> from template nodes of type <typeparamref name="TTemplate"/>.</summary>
public sealed class EvaluationContext<TTemplate, TNode, TDialect>(NodeTable nodes, TDialect dialect) : EvaluationContext
    where TTemplate : class
    where TNode : class
    where TDialect : struct, IEvaluationDialect<TTemplate, TNode>
{
    private readonly Dictionary<int, NodeAnnotations> _pendingAnnotations = [];
    private readonly Dictionary<int, Value> _pendingKeys = [];
    private readonly List<TNode> _parents = [];
    private readonly List<int> _parentTags = [];
    private TDialect _dialect = dialect;
    private bool _rootInit;

    /// <summary>The root node, once a node was started.</summary>
    public TNode? Root { get; private set; }

    /// <inheritdoc/>
    public override object? RootNode => Root;

    /// <inheritdoc/>
    public override Value RootValue() => _dialect.WrapRoot(Root);

    /// <inheritdoc/>
    public override void StartNode(int tag)
    {
        var template = _dialect.TemplateNode(nodes[tag]);
        var node = _dialect.NewNode(template);
        if (_pendingAnnotations.Remove(tag, out var anns)) _dialect.SetAnnotations(node, anns);
        if (_pendingKeys.Remove(tag, out var key)) _dialect.SetMapItemKey(node, key);

        if (!_rootInit)
        {
            if (_dialect.ShouldWrapRoot(node))
            {
                StartNode(nodes.ParentOf(tag));
            }
            else
            {
                _rootInit = true;
                Root = node;
            }
        }

        if (_parents.Count > 0)
        {
            int common = nodes.CommonParent(_parentTags[^1], nodes.ParentOf(tag));
            UnwindTo(common);
            _dialect.PrepareNode(_parents[^1], node);
            _dialect.AddChild(_parents[^1], node);
        }
        _parentTags.Add(tag);
        _parents.Add(node);
    }

    private void UnwindTo(int tag)
    {
        for (int i = _parentTags.Count - 1; i >= 0; i--)
        {
            if (_parentTags[i] == tag)
            {
                _parents.RemoveRange(i + 1, _parents.Count - i - 1);
                _parentTags.RemoveRange(i + 1, _parentTags.Count - i - 1);
                return;
            }
        }
        throw new InvalidOperationException($"expected to find node {tag} when unwinding");
    }

    /// <inheritdoc/>
    public override void SetNode(int tag, Value? value)
    {
        if (value is not null)
        {
            if (value is not Values.NoopValue) _dialect.SetValue(_parents[^1], value);
            return;
        }
        _dialect.AddOriginalValue(_parents[^1], _dialect.TemplateNode(nodes[tag]));
    }

    /// <inheritdoc/>
    public override void SetMapItemKey(int tag, Value key) => _pendingKeys[tag] = key;

    /// <inheritdoc/>
    public override void StartNodeAnnotation(int tag, string name, NodeAnnotation ann)
    {
        if (!_pendingAnnotations.TryGetValue(tag, out var anns)) _pendingAnnotations[tag] = anns = new NodeAnnotations();
        anns[name] = ann;
    }

    /// <inheritdoc/>
    public override void Replace(Value value)
    {
        var chain = new List<TNode>(_parents.Count + 1);
        if (Root is not null && (_parents.Count == 0 || !ReferenceEquals(_parents[0], Root))) chain.Add(Root);
        chain.AddRange(_parents);
        _dialect.Replace(chain, value);
    }
}
