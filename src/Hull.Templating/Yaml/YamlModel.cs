using Hull.Templating.Evaluation;

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
    public static NodeKind Kind(object? v) => throw new NotImplementedException();

    /// <summary>Whether a value is a node.</summary>
    public static bool IsNode(object? v) => Kind(v) != NodeKind.Scalar;

    /// <summary>Children as ytt's GetValues: items of collections, the single value of documents and items.</summary>
    public static IReadOnlyList<object?> Children(object node) => throw new NotImplementedException();

    /// <summary>Mutable items of a Map, Array or DocumentSet.</summary>
    public static List<object> Items(object node) => throw new NotImplementedException();

    /// <summary>Comments attached to a node: text after `#` and line.</summary>
    public static IEnumerable<(string Data, int Line)> Comments(object node) => throw new NotImplementedException();

    /// <summary>Line of a node (0 when unknown).</summary>
    public static int Line(object node) => throw new NotImplementedException();

    /// <summary>Key of a map item.</summary>
    public static object? Key(object item) => throw new NotImplementedException();

    /// <summary>Sets the key of a map item.</summary>
    public static void SetKey(object item, object? key) => throw new NotImplementedException();

    /// <summary>Value of a document, map item or array item.</summary>
    public static object? ValueOf(object node) => throw new NotImplementedException();

    /// <summary>Sets the value of a document, map item or array item.</summary>
    public static void SetValue(object node, object? value) => throw new NotImplementedException();

    /// <summary>A node of the same kind, key and position with no value or items.</summary>
    public static object NewEmptyLike(object node) => throw new NotImplementedException();

    /// <summary>A deep copy.</summary>
    public static object DeepCopy(object node) => throw new NotImplementedException();

    /// <summary>New map.</summary>
    public static object NewMap(IEnumerable<object> items) => throw new NotImplementedException();

    /// <summary>New map item.</summary>
    public static object NewMapItem(object? key, object? value) => throw new NotImplementedException();

    /// <summary>New array.</summary>
    public static object NewArray(IEnumerable<object> items) => throw new NotImplementedException();

    /// <summary>New array item.</summary>
    public static object NewArrayItem(object? value) => throw new NotImplementedException();

    /// <summary>New document.</summary>
    public static object NewDocument(object? value) => throw new NotImplementedException();

    /// <summary>New document set.</summary>
    public static object NewDocumentSet(IEnumerable<object> docs) => throw new NotImplementedException();

    /// <summary>Evaluated annotations of a node.</summary>
    public static NodeAnnotations? Annotations(object node) => throw new NotImplementedException();

    /// <summary>Stores evaluated annotations on a node.</summary>
    public static void SetAnnotations(object node, NodeAnnotations annotations) => throw new NotImplementedException();

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
    public static object Parse(string name, string source, TemplateOptions options) => throw new NotImplementedException();

    /// <summary>Parses plain YAML (data values files).</summary>
    public static object ParsePlain(string name, string source, TemplateOptions options) => Parse(name, source, options);
}

/// <summary>Emitting through Hull.Yaml.</summary>
public static class YamlOutput
{
    /// <summary>Documents as ytt's YAML output (null documents dropped, `---` between).</summary>
    public static string Yaml(IEnumerable<object> docs) => throw new NotImplementedException();

    /// <summary>Documents as JSON.</summary>
    public static string Json(IEnumerable<object> docs) => throw new NotImplementedException();

    /// <summary>Documents with positions.</summary>
    public static string Positions(IEnumerable<object> docs) => throw new NotImplementedException();

    /// <summary>A single YAML value encoded as yaml.encode does.</summary>
    public static string Encode(object? value) => throw new NotImplementedException();
}
