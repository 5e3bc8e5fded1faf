using Hull.Starlark.Values;
using Hull.Templating.Evaluation;
using Hull.Templating.Values;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.Schema;

/// <summary>Builds the declared types from an evaluated (and merged) `#@data/values-schema` document, reading every `#@schema/*` annotation.</summary>
public static class SchemaBuilder
{
    /// <summary>Annotation names.</summary>
    public const string Type = "schema/type", Nullable = "schema/nullable", Default = "schema/default", Desc = "schema/desc",
        Title = "schema/title", Examples = "schema/examples", Deprecated = "schema/deprecated", Validation = "schema/validation";

    private static readonly string[] s_known = [Type, Nullable, Default, Desc, Title, Examples, Deprecated, Validation];

    /// <summary>The schema of a document: its value must be a map (or empty, declaring nothing).</summary>
    public static SchemaNode Build(Document doc)
    {
        if (doc.Value is null) return new SchemaNode { Kind = SchemaKind.Map, Position = doc.Position };
        // On the document only @schema/validation applies (to the whole of the data values).
        var node = FromNode(new Document(doc.Value) { Position = doc.Position });
        if (YamlModel.Annotations(doc) is { } anns && anns.TryGetValue(Validation, out var v)) node.Validation = v;
        return node;
    }

    private static SchemaNode FromNode(Node holder)
    {
        WalkDepth.EnsureStack("read the schema");
        var anns = YamlModel.Annotations(holder);
        object? value = YamlModel.ValueOf(holder);
        if (anns is not null)
        {
            foreach (var name in anns.Keys)
            {
                if (name.StartsWith("schema/", StringComparison.Ordinal) && Array.IndexOf(s_known, name) < 0)
                {
                    throw Problem(holder, $"Unknown schema annotation @{name}");
                }
            }
        }
        bool any = false;
        if (anns?.TryGetValue(Type, out var typeAnn) == true)
        {
            foreach (var (k, v) in typeAnn.Kwargs)
            {
                if (k != "any") throw Problem(holder, $"Invalid schema - @{Type} has unknown keyword argument '{k}' (supported: any)");
                any = v is BoolValue b ? b.Value : throw Problem(holder, $"Invalid schema - @{Type} any= must be a bool, but was {v.Type}");
            }
            if (typeAnn.Kwargs.Length == 0) throw Problem(holder, $"Invalid schema - @{Type} expects a keyword argument (any=True)");
        }

        SchemaNode node;
        if (any)
        {
            node = new SchemaNode { Kind = SchemaKind.Any, Position = holder.Position, Default = Node.CopyValue(value), HasExplicitDefault = true };
        }
        else
        {
            switch (value)
            {
                case Map m:
                    node = new SchemaNode { Kind = SchemaKind.Map, Position = holder.Position };
                    foreach (var item in m.Items)
                    {
                        if (node.Property(item.Key) is not null) throw Problem(item, $"Duplicate key '{YamlModel.FormatKey(item.Key)}' in schema");
                        node.Properties.Add(new(item.Key, FromNode(item)));
                    }
                    break;
                case YamlArray a:
                    if (a.Items.Count != 1)
                    {
                        throw Problem(holder, $"Invalid schema - wrong number of items in array definition\n  found: {a.Items.Count} array items\n  expected: exactly 1 array item, of the desired type\n  (hint: in a schema, the item of an array defines the type of its elements; its default value is an empty list)");
                    }
                    node = new SchemaNode { Kind = SchemaKind.Array, Position = holder.Position, Item = FromNode(a.Items[0]) };
                    break;
                case null:
                    if (anns?.ContainsKey(Nullable) != true && anns?.ContainsKey(Default) != true)
                    {
                        throw Problem(holder, "Invalid schema - null value not allowed here\n  found: null value\n  expected: non-null value\n  (hint: in a schema, a value's type is inferred from its value: give a non-null value and annotate it @schema/nullable, or use @schema/type any=True)");
                    }
                    node = new SchemaNode { Kind = SchemaKind.Any, Position = holder.Position, HasExplicitDefault = true };
                    break;
                case string:
                    node = new SchemaNode { Kind = SchemaKind.String, Position = holder.Position, Default = value };
                    break;
                case bool:
                    node = new SchemaNode { Kind = SchemaKind.Boolean, Position = holder.Position, Default = value };
                    break;
                case double:
                    node = new SchemaNode { Kind = SchemaKind.Float, Position = holder.Position, Default = value };
                    break;
                default:
                    node = new SchemaNode { Kind = SchemaKind.Integer, Position = holder.Position, Default = value };
                    break;
            }
        }
        if (anns is null) return node;

        if (anns.TryGetValue(Nullable, out var nullableAnn))
        {
            if (nullableAnn.Args.Length > 0 || nullableAnn.Kwargs.Length > 0) throw Problem(holder, $"Invalid schema - @{Nullable} expects no arguments");
            node.Nullable = true;
            node.Default = null;
            node.HasExplicitDefault = true;
        }
        if (anns.TryGetValue(Default, out var defAnn))
        {
            if (defAnn.Args.Length != 1) throw Problem(holder, $"Invalid schema - @{Default} expects exactly one argument, but got {defAnn.Args.Length}");
            node.Default = NodeConversion.ToYaml(defAnn.Args[0]);
            node.HasExplicitDefault = true;
            var problems = new List<SchemaProblem>();
            SchemaChecker.Check(node.Default, node, "", holder.Position, problems, checkDefault: true);
            if (problems.Count > 0)
            {
                throw Problem(holder, $"Invalid schema - @{Default} is wrong type\n  found: {problems[0].Found}\n  expected: {problems[0].Expected}");
            }
        }
        node.Description = StringArg(anns, Desc, holder);
        node.Title = StringArg(anns, Title, holder);
        if (anns.TryGetValue(Deprecated, out var depAnn))
        {
            node.Deprecated = depAnn.Args.Length == 1 && depAnn.Args[0] is StringValue s ? s.Value : throw Problem(holder, $"Invalid schema - @{Deprecated} expects one string argument (the notice)");
        }
        if (anns.TryGetValue(Examples, out var exAnn))
        {
            if (exAnn.Args.Length == 0) throw Problem(holder, $"Invalid schema - @{Examples} expects at least one (description, example) tuple");
            foreach (var arg in exAnn.Args)
            {
                if (arg is not TupleValue { Items.Length: 1 or 2 } t || t.Items[0] is not StringValue d)
                {
                    throw Problem(holder, $"Invalid schema - @{Examples} expects 2-tuples of (description string, example value), but found: {arg.Repr()}");
                }
                node.Examples.Add(new(d.Value, t.Items.Length == 2 ? NodeConversion.ToYaml(t.Items[1]) : null));
            }
        }
        if (anns.TryGetValue(Validation, out var valAnn)) node.Validation = valAnn;
        return node;
    }

    private static string? StringArg(NodeAnnotations anns, string name, Node holder)
    {
        if (!anns.TryGetValue(name, out var a)) return null;
        return a.Args.Length == 1 && a.Args[0] is StringValue s ? s.Value
            : throw Problem(holder, $"Invalid schema - @{name} expects one string argument");
    }

    private static TemplateException Problem(Node at, string message) =>
        new($"{message} (at {at.Position.AsCompactString()})");
}
