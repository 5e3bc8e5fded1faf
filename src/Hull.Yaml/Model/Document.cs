namespace Hull.Yaml;

/// <summary>One document of a stream; <see cref="Value"/> is a node or a scalar.</summary>
public sealed class Document : Node
{
    /// <summary>Creates a document holding a value.</summary>
    public Document(object? value = null) => Value = value;

    /// <summary>The document's content.</summary>
    public object? Value { get; set; }

    /// <summary>True for the trailing document the parser adds to hold comments after the last document.</summary>
    public bool Injected { get; set; }

    /// <summary>ytt's emptiness: null, an empty map or an empty array (such documents are not printed).</summary>
    public bool IsEmpty => Value switch
    {
        null => true,
        Map m => m.Items.Count == 0,
        YamlArray a => a.Items.Count == 0,
        _ => false,
    };

    /// <inheritdoc/>
    public override Node DeepCopy() => CopyMetaTo(new Document(CopyValue(Value)) { Injected = Injected });
}
