namespace Hull.Yaml;

/// <summary>A mapping: items in insertion order; keys may be any scalar and (as in ytt) may repeat until overridden.</summary>
public sealed class Map : Node
{
    /// <summary>Creates an empty map.</summary>
    public Map() { }

    /// <summary>Creates a map of the given items.</summary>
    public Map(IEnumerable<MapItem> items) => Items.AddRange(items);

    /// <summary>The items.</summary>
    public List<MapItem> Items { get; } = new();

    /// <summary>The last item with an equal key, or null.</summary>
    public MapItem? Find(object? key)
    {
        for (var i = Items.Count - 1; i >= 0; i--)
        {
            if (KeyEquals(Items[i].Key, key))
            {
                return Items[i];
            }
        }

        return null;
    }

    /// <summary>Key equality as YAML values: same type and value (1 and "1" differ).</summary>
    public static bool KeyEquals(object? a, object? b) => a is null ? b is null : a.Equals(b);

    /// <inheritdoc/>
    public override Node DeepCopy()
    {
        NestingLimit.EnsureStack();
        var copy = CopyMetaTo(new Map());
        copy.Items.Capacity = Items.Count;
        foreach (var i in Items)
        {
            copy.Items.Add((MapItem)i.DeepCopy());
        }

        return copy;
    }
}
