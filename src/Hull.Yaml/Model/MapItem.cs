namespace Hull.Yaml;

/// <summary>A key and its value inside a <see cref="Map"/>.</summary>
public sealed class MapItem : Node
{
    /// <summary>Creates an item.</summary>
    public MapItem(object? key, object? value = null)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The key: a scalar.</summary>
    public object? Key { get; set; }

    /// <summary>The value: a node or a scalar.</summary>
    public object? Value { get; set; }

    /// <inheritdoc/>
    public override Node DeepCopy() => CopyMetaTo(new MapItem(Key, CopyValue(Value)));
}
