using Hull.Templating.Evaluation;
using Hull.Templating.Yaml.Interim;

namespace Hull.Templating.Yaml;

/// <summary>Kinds of YAML nodes.</summary>
public enum NodeKind
{
    /// <summary>Not a node: a scalar value (or null).</summary>
    Scalar,
    /// <summary>A stream of documents.</summary>
    DocumentSet,
    /// <summary>A document.</summary>
    Document,
    /// <summary>A mapping.</summary>
    Map,
    /// <summary>A mapping entry.</summary>
    MapItem,
    /// <summary>A sequence.</summary>
    Array,
    /// <summary>A sequence entry.</summary>
    ArrayItem,
}

/// <summary>The one place Templating touches Hull.Yaml's node model (kinds, children, comments, construction).</summary>
public static class YamlModel
{
    /// <summary>The node kind of a value.</summary>
    public static NodeKind Kind(object? v) => v switch
    {
        IMapItem => NodeKind.MapItem,
        IArrayItem => NodeKind.ArrayItem,
        IMap => NodeKind.Map,
        IArray => NodeKind.Array,
        IDoc => NodeKind.Document,
        IDocSet => NodeKind.DocumentSet,
        _ => NodeKind.Scalar,
    };

    /// <summary>Whether a value is a node.</summary>
    public static bool IsNode(object? v) => Kind(v) != NodeKind.Scalar;

    /// <summary>Children as ytt's GetValues: items of collections, the single value of documents and items.</summary>
    public static IReadOnlyList<object?> Children(object node) => node switch
    {
        ICollectionNode c => c.Items,
        IValueNode v => new object?[] { v.Value },
        _ => Array.Empty<object?>(),
    };

    /// <summary>Mutable items of a Map, Array or DocumentSet.</summary>
    public static List<object> Items(object node) => ((ICollectionNode)node).Items;

    /// <summary>Comments attached to a node: text after `#` and line.</summary>
    public static IEnumerable<(string Data, int Line)> Comments(object node) => ((INode)node).Comments;

    /// <summary>Line of a node (0 when unknown).</summary>
    public static int Line(object node) => ((INode)node).Line;

    /// <summary>Key of a map item.</summary>
    public static object? Key(object item) => ((IMapItem)item).Key;

    /// <summary>Sets the key of a map item.</summary>
    public static void SetKey(object item, object? key) => ((IMapItem)item).Key = key;

    /// <summary>Value of a document, map item or array item.</summary>
    public static object? ValueOf(object node) => ((IValueNode)node).Value;

    /// <summary>Sets the value of a document, map item or array item.</summary>
    public static void SetValue(object node, object? value) => ((IValueNode)node).Value = value;

    /// <summary>A node of the same kind, key and position with no value or items.</summary>
    public static object NewEmptyLike(object node) => InterimOps.EmptyLike(node);

    /// <summary>A deep copy.</summary>
    public static object DeepCopy(object node) => InterimOps.DeepCopy(node)!;

    /// <summary>New map.</summary>
    public static object NewMap(IEnumerable<object> items)
    {
        var m = new IMap();
        m.Items.AddRange(items);
        return m;
    }

    /// <summary>New map item.</summary>
    public static object NewMapItem(object? key, object? value) => new IMapItem { Key = key, Value = value };

    /// <summary>New array.</summary>
    public static object NewArray(IEnumerable<object> items)
    {
        var a = new IArray();
        a.Items.AddRange(items);
        return a;
    }

    /// <summary>New array item.</summary>
    public static object NewArrayItem(object? value) => new IArrayItem { Value = value };

    /// <summary>New document.</summary>
    public static object NewDocument(object? value) => new IDoc { Value = value };

    /// <summary>New document set.</summary>
    public static object NewDocumentSet(IEnumerable<object> docs)
    {
        var d = new IDocSet();
        d.Items.AddRange(docs);
        return d;
    }

    /// <summary>Evaluated annotations of a node.</summary>
    public static NodeAnnotations? Annotations(object node) => (node as INode)?.Annotations;

    /// <summary>Stores evaluated annotations on a node.</summary>
    public static void SetAnnotations(object node, NodeAnnotations annotations) => ((INode)node).Annotations = annotations;

    /// <summary>ytt's debug name, e.g. `*yamlmeta.MapItem key=x`.</summary>
    public static string DebugName(object node) => Kind(node) switch
    {
        NodeKind.DocumentSet => "*yamlmeta.DocumentSet",
        NodeKind.Document => "*yamlmeta.Document",
        NodeKind.Map => "*yamlmeta.Map",
        NodeKind.MapItem => "*yamlmeta.MapItem key=" + FormatKey(Key(node)),
        NodeKind.Array => "*yamlmeta.Array",
        NodeKind.ArrayItem => "*yamlmeta.ArrayItem idx=?",
        _ => "scalar",
    };

    /// <summary>A key as Go's %s prints it.</summary>
    public static string FormatKey(object? key) => key switch
    {
        null => "%!s(<nil>)",
        string s => s,
        bool b => $"%!s(bool={(b ? "true" : "false")})",
        long or int => $"%!s(int={key})",
        double d => $"%!s(float64={Encoders.GoFloat.FormatG(d)})",
        _ => key.ToString() ?? "",
    };
}

/// <summary>Parsing through Hull.Yaml.</summary>
public static class YamlParsing
{
    /// <summary>Parses a template (comments kept) into a document set; errors as ytt words them.</summary>
    public static object Parse(string name, string source, TemplateOptions options) => InterimReader.Read(name, source);

    /// <summary>Parses plain YAML (data values files).</summary>
    public static object ParsePlain(string name, string source, TemplateOptions options) => Parse(name, source, options);
}

/// <summary>Emitting through Hull.Yaml.</summary>
public static class YamlOutput
{
    /// <summary>Documents as ytt's YAML output (null documents dropped, `---` between).</summary>
    public static string Yaml(IEnumerable<object> docs) => InterimEmitter.Documents(docs);

    /// <summary>Documents as JSON.</summary>
    public static string Json(IEnumerable<object> docs) =>
        string.Concat(docs.Where(d => ValueOfDoc(d) is not null).Select(d => Encoders.JsonEncoding.Encode(Values.NodeConversion.ToPlain(d)) + "\n"));

    private static object? ValueOfDoc(object d) => d is IDoc doc ? doc.Value : d;

    /// <summary>Documents with positions.</summary>
    public static string Positions(IEnumerable<object> docs) => throw new TemplateException("-o pos is not supported yet");

    /// <summary>A single YAML value encoded as yaml.encode does.</summary>
    public static string Encode(object? value) => InterimEmitter.Encode(value);
}
