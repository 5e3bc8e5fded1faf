namespace Hull.Yaml;

/// <summary>
/// A YAML node as ytt models it. Scalars are not nodes: they are plain values (null, bool, long,
/// BigInteger, double, string) held in the <c>Value</c> of a document or item.
/// </summary>
public abstract class Node
{
    private List<Comment>? _comments;

    /// <summary>Where the node starts in its source.</summary>
    public Position Position { get; set; }

    /// <summary>Comments attached to this node (empty when none).</summary>
    public IReadOnlyList<Comment> Comments => (IReadOnlyList<Comment>?)_comments ?? System.Array.Empty<Comment>();

    /// <summary>Opaque per-node storage for evaluated annotations; Hull.Yaml never reads it.</summary>
    public object? Annotations { get; set; }

    /// <summary>Attaches a comment.</summary>
    public void AddComment(Comment comment) => (_comments ??= new List<Comment>(1)).Add(comment);

    /// <summary>Removes every comment.</summary>
    public void ClearComments() => _comments = null;

    /// <summary>Replaces the comments.</summary>
    public void SetComments(IEnumerable<Comment>? comments) => _comments = comments is null ? null : new List<Comment>(comments);

    /// <summary>A deep copy: child nodes are copied, scalars and annotation objects are shared.</summary>
    public abstract Node DeepCopy();

    /// <summary>Copies position, comments and annotations into a fresh copy.</summary>
    protected T CopyMetaTo<T>(T copy) where T : Node
    {
        copy.Position = Position;
        if (_comments is not null)
        {
            copy._comments = new List<Comment>(_comments);
        }

        copy.Annotations = Annotations;
        return copy;
    }

    /// <summary>Deep-copies a value if it is a node.</summary>
    public static object? CopyValue(object? value) => value is Node n ? n.DeepCopy() : value;
}
