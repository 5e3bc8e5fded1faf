using Hull.Templating.Evaluation;

namespace Hull.Templating.Yaml.Interim;

// Temporary node model until Hull.Yaml publishes its own (see YamlModel, the only consumer). Mirrors ytt's yamlmeta.

/// <summary>Base of interim YAML nodes.</summary>
internal abstract class INode
{
    public int Line { get; set; }
    public List<(string Data, int Line)> Comments { get; } = [];
    public NodeAnnotations? Annotations { get; set; }
}

/// <summary>Collections (map, array, document set) keep their children in a list.</summary>
internal abstract class ICollectionNode : INode
{
    public List<object> Items { get; } = [];
}

/// <summary>Nodes holding one value (document, map item, array item).</summary>
internal abstract class IValueNode : INode
{
    public object? Value { get; set; }
}

internal sealed class IDocSet : ICollectionNode;

internal sealed class IDoc : IValueNode;

internal sealed class IMap : ICollectionNode;

internal sealed class IMapItem : IValueNode
{
    public object? Key { get; set; }
}

internal sealed class IArray : ICollectionNode;

internal sealed class IArrayItem : IValueNode;
