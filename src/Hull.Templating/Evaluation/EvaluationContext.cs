using Hull.Starlark.Values;
using Hull.Templating.Compilation;

namespace Hull.Templating.Evaluation;

/// <summary>Builds one tree of nodes as generated code runs: the template's top level, or one call of a fragment function.</summary>
public sealed class EvaluationContext(NodeTable nodes, IEvaluationDialect dialect)
{
    private readonly Dictionary<int, NodeAnnotations> _pendingAnnotations = [];
    private readonly Dictionary<int, Value> _pendingKeys = [];
    private readonly List<object> _parents = [];
    private readonly List<int> _parentTags = [];
    private bool _rootInit;

    /// <summary>The dialect.</summary>
    public IEvaluationDialect Dialect { get; } = dialect;

    /// <summary>The root node, once a node was started.</summary>
    public object? Root { get; private set; }

    /// <summary>The root as a Starlark value (a fragment, or the text).</summary>
    public Value RootValue() => Dialect.WrapRoot(Root);

    /// <summary>start_node(tag).</summary>
    public void StartNode(int tag)
    {
        var template = nodes[tag];
        var node = Dialect.NewNode(template);
        if (_pendingAnnotations.Remove(tag, out var anns)) Dialect.SetAnnotations(node, anns);
        if (_pendingKeys.Remove(tag, out var key)) Dialect.SetMapItemKey(node, key);

        if (!_rootInit)
        {
            if (Dialect.ShouldWrapRoot(node))
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
            Dialect.PrepareNode(_parents[^1], node);
            Dialect.AddChild(_parents[^1], node);
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

    /// <summary>set_node(tag) and set_node(tag, value).</summary>
    public void SetNode(int tag, Value? value)
    {
        if (value is not null)
        {
            if (value is not Values.NoopValue) Dialect.SetValue(_parents[^1], value);
            return;
        }
        Dialect.AddOriginalValue(_parents[^1], nodes[tag]);
    }

    /// <summary>set_map_item_key(tag, key).</summary>
    public void SetMapItemKey(int tag, Value key) => _pendingKeys[tag] = key;

    /// <summary>start_node_annotation(tag, name, (args, kwargs...)).</summary>
    public void StartNodeAnnotation(int tag, string name, NodeAnnotation ann)
    {
        if (!_pendingAnnotations.TryGetValue(tag, out var anns)) _pendingAnnotations[tag] = anns = new NodeAnnotations();
        anns[name] = ann;
    }

    /// <summary>template.replace(value).</summary>
    public void Replace(Value value)
    {
        var chain = new List<object>(_parents.Count + 1);
        if (Root is not null && (_parents.Count == 0 || !ReferenceEquals(_parents[0], Root))) chain.Add(Root);
        chain.AddRange(_parents);
        Dialect.Replace(chain, value);
    }
}
