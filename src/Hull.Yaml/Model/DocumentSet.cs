namespace Hull.Yaml;

/// <summary>A YAML stream: documents in order.</summary>
public sealed class DocumentSet : Node
{
    /// <summary>Creates an empty set.</summary>
    public DocumentSet() { }

    /// <summary>Creates a set of the given documents.</summary>
    public DocumentSet(IEnumerable<Document> items) => Items.AddRange(items);

    /// <summary>The documents.</summary>
    public List<Document> Items { get; } = new();

    /// <inheritdoc/>
    public override Node DeepCopy()
    {
        var copy = CopyMetaTo(new DocumentSet());
        copy.Items.Capacity = Items.Count;
        foreach (var d in Items)
        {
            copy.Items.Add((Document)d.DeepCopy());
        }

        return copy;
    }
}
