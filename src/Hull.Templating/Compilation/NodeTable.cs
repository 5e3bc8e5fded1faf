namespace Hull.Templating.Compilation;

/// <summary>The template's nodes by tag, with each node's parent tag, so evaluation can rebuild the tree as code runs.</summary>
public sealed class NodeTable
{
    /// <summary>The tag of the virtual root above the top node.</summary>
    public const int RootTag = 0;

    private readonly List<object> _nodes = [null!];
    private readonly List<int> _parents = [RootTag];

    /// <summary>Registers a node under a parent and returns its tag.</summary>
    public int Add(object node, int parentTag)
    {
        _nodes.Add(node);
        _parents.Add(parentTag);
        return _nodes.Count - 1;
    }

    /// <summary>The node registered under a tag.</summary>
    public object this[int tag] => _nodes[tag];

    /// <summary>The parent tag of a tag.</summary>
    public int ParentOf(int tag) => _parents[tag];

    /// <summary>Whether a tag was registered.</summary>
    public bool Contains(int tag) => tag > 0 && tag < _nodes.Count;

    /// <summary>The nearest tag that is an ancestor (or self) of both tags.</summary>
    public int CommonParent(int a, int b)
    {
        // Depth-align then walk up together; trees are shallow so this stays cheap.
        int da = Depth(a), db = Depth(b);
        while (da > db) { a = _parents[a]; da--; }
        while (db > da) { b = _parents[b]; db--; }
        while (a != b) { a = _parents[a]; b = _parents[b]; }
        return a;
    }

    private int Depth(int tag)
    {
        int d = 0;
        while (tag != RootTag) { tag = _parents[tag]; d++; }
        return d;
    }
}
