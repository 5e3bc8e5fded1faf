namespace Hull.Yaml;

/// <summary>One entry of a <see cref="YamlArray"/>.</summary>
public sealed class ArrayItem : Node
{
    /// <summary>Creates an item.</summary>
    public ArrayItem(object? value = null) => Value = value;

    /// <summary>The value: a node or a scalar.</summary>
    public object? Value { get; set; }

    /// <inheritdoc/>
    public override Node DeepCopy() => CopyMetaTo(new ArrayItem(CopyValue(Value)));
}
