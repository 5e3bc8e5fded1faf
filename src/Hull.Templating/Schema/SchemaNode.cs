using Hull.Templating.Evaluation;
using Hull.Yaml;
using Hull.Templating.Values;

namespace Hull.Templating.Schema;

/// <summary>The type of a data value declared in a `#@data/values-schema` document.</summary>
public enum SchemaKind
{
    /// <summary>A map of declared keys.</summary>
    Map,
    /// <summary>A homogeneous array.</summary>
    Array,
    /// <summary>A string.</summary>
    String,
    /// <summary>An integer.</summary>
    Integer,
    /// <summary>A float (integers are accepted).</summary>
    Float,
    /// <summary>A boolean.</summary>
    Boolean,
    /// <summary>`#@schema/type any=True`: anything, unchecked.</summary>
    Any,
}

/// <summary>One declared data value: its type, default and documentation, and where it was declared.</summary>
public sealed class SchemaNode
{
    /// <summary>The type.</summary>
    public required SchemaKind Kind { get; init; }

    /// <summary>Where the declaration is (file:line).</summary>
    public Position Position { get; init; }

    /// <summary>Map keys in declaration order (maps only).</summary>
    public List<KeyValuePair<object?, SchemaNode>> Properties { get; } = [];

    /// <summary>The type of every item (arrays only).</summary>
    public SchemaNode? Item { get; init; }

    /// <summary>`#@schema/nullable`: null is allowed (and the default).</summary>
    public bool Nullable { get; set; }

    /// <summary>The default value as YAML (scalar or node); maps compute theirs from their properties.</summary>
    public object? Default { get; set; }

    /// <summary>Whether <see cref="Default"/> was set explicitly (`#@schema/default`, `nullable`) rather than inferred.</summary>
    public bool HasExplicitDefault { get; set; }

    /// <summary>`#@schema/title`.</summary>
    public string? Title { get; set; }

    /// <summary>`#@schema/desc`.</summary>
    public string? Description { get; set; }

    /// <summary>`#@schema/examples`: (description, value) pairs.</summary>
    public List<KeyValuePair<string, object?>> Examples { get; } = [];

    /// <summary>`#@schema/deprecated`: the notice, or null.</summary>
    public string? Deprecated { get; set; }

    /// <summary>`#@schema/validation` rules, applied to the final value.</summary>
    public NodeAnnotation? Validation { get; set; }

    /// <summary>The property with <paramref name="key"/>, or null.</summary>
    public SchemaNode? Property(object? key)
    {
        foreach (var p in Properties)
        {
            if (Map.KeyEquals(p.Key, key)) return p.Value;
        }
        return null;
    }

    /// <summary>ytt's name of a kind.</summary>
    public static string Name(SchemaKind kind) => kind switch
    {
        SchemaKind.Map => "map",
        SchemaKind.Array => "array",
        SchemaKind.String => "string",
        SchemaKind.Integer => "integer",
        SchemaKind.Float => "float",
        SchemaKind.Boolean => "boolean",
        _ => "any",
    };

    /// <summary>The default value as a fresh YAML value (maps from their properties, arrays empty unless set).</summary>
    public object? NewDefault()
    {
        WalkDepth.EnsureStack("build schema defaults");
        if (HasExplicitDefault || Kind is not (SchemaKind.Map or SchemaKind.Array))
        {
            return Kind == SchemaKind.Array && Default is YamlArray arr && Item is not null ? SchemaDefaults.FillArray(arr, Item) : Node.CopyValue(Default);
        }
        if (Kind == SchemaKind.Array) return new YamlArray { Position = Position };
        var map = new Map { Position = Position };
        foreach (var p in Properties)
        {
            map.Items.Add(new MapItem(p.Key, p.Value.NewDefault()) { Position = p.Value.Position });
        }
        return map;
    }
}
