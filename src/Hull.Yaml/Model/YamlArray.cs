namespace Hull.Yaml;

/// <summary>A sequence (ytt's Array) of items.</summary>
public sealed class YamlArray : Node
{
    /// <summary>Creates an empty array.</summary>
    public YamlArray() { }

    /// <summary>Creates an array of the given items.</summary>
    public YamlArray(IEnumerable<ArrayItem> items) => Items.AddRange(items);

    /// <summary>The items.</summary>
    public List<ArrayItem> Items { get; } = new();

    /// <inheritdoc/>
    public override Node DeepCopy()
    {
        NestingLimit.EnsureStack();
        var copy = CopyMetaTo(new YamlArray());
        copy.Items.Capacity = Items.Count;
        foreach (var i in Items)
        {
            copy.Items.Add((ArrayItem)i.DeepCopy());
        }

        return copy;
    }
}
