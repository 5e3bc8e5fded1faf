using Hull.Templating.Evaluation;
using Hull.Yaml;

namespace Hull.Templating.Yaml;

/// <summary>What templating needs on top of Hull.Yaml's node model: ytt's debug names and the value slot of value nodes.</summary>
public static class YamlModel
{
    /// <summary>The value of a document, map item or array item.</summary>
    public static object? ValueOf(Node node) => node switch
    {
        Document d => d.Value,
        MapItem mi => mi.Value,
        ArrayItem ai => ai.Value,
        _ => throw new ArgumentException("node has no single value: " + DebugName(node), nameof(node)),
    };

    /// <summary>Sets the value of a document, map item or array item.</summary>
    public static void SetValue(Node node, object? value)
    {
        switch (node)
        {
            case Document d:
                d.Value = value;
                break;
            case MapItem mi:
                mi.Value = value;
                break;
            case ArrayItem ai:
                ai.Value = value;
                break;
            default:
                throw new ArgumentException("node has no single value: " + DebugName(node), nameof(node));
        }
    }

    /// <summary>Whether a node holds one value (document, map item, array item) rather than items.</summary>
    public static bool HoldsValue(Node node) => node is Document or MapItem or ArrayItem;

    /// <summary>A node of the same kind, key and position with no value, items, comments or annotations.</summary>
    public static Node NewEmptyLike(Node node) => node switch
    {
        DocumentSet => new DocumentSet { Position = node.Position },
        Document => new Document { Position = node.Position },
        Map => new Map { Position = node.Position },
        YamlArray => new YamlArray { Position = node.Position },
        MapItem mi => new MapItem(mi.Key) { Position = node.Position },
        ArrayItem => new ArrayItem { Position = node.Position },
        _ => throw new ArgumentException("unknown node " + node.GetType().Name, nameof(node)),
    };

    /// <summary>Evaluated annotations stored on a node, if any.</summary>
    public static NodeAnnotations? Annotations(Node node) => node.Annotations as NodeAnnotations;

    /// <summary>ytt's debug name, e.g. `*yamlmeta.MapItem key=x`.</summary>
    public static string DebugName(object? node) => node switch
    {
        DocumentSet => "*yamlmeta.DocumentSet",
        Document => "*yamlmeta.Document",
        Map => "*yamlmeta.Map",
        MapItem mi => "*yamlmeta.MapItem key=" + FormatKey(mi.Key),
        YamlArray => "*yamlmeta.Array",
        ArrayItem => "*yamlmeta.ArrayItem idx=?",
        _ => "scalar",
    };

    /// <summary>A key as Go's %s prints it.</summary>
    public static string FormatKey(object? key) => GoFormat.PercentS(key);
}
