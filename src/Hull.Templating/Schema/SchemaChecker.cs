using System.Numerics;
using Hull.Templating.Yaml;
using Hull.Yaml;
using Hull.Templating.Values;

namespace Hull.Templating.Schema;

/// <summary>A value that does not fit the schema.</summary>
/// <param name="Path">Key path of the value (e.g. `aws.region`, `domains[0]`).</param>
/// <param name="Source">Where the value was given (a file line, or a flag's pseudo file).</param>
/// <param name="Found">What was found.</param>
/// <param name="Expected">What the schema declares.</param>
/// <param name="By">Where the schema declares it.</param>
public sealed record SchemaProblem(string Path, Position Source, string Found, string Expected, Position By)
{
    /// <summary>Whether the problem is a key the schema does not declare (ytt finds these while overlaying).</summary>
    public bool UndeclaredKey { get; init; }
}

/// <summary>Type-checks YAML values against a schema, collecting every problem rather than stopping at the first.</summary>
public static class SchemaChecker
{
    /// <summary>Checks <paramref name="value"/> (nodes carry their own positions; <paramref name="source"/> is the fallback).</summary>
    public static void Check(object? value, SchemaNode schema, string path, Position source, List<SchemaProblem> problems, bool checkDefault = false)
    {
        WalkDepth.EnsureStack("check against the schema");
        if (schema.Kind == SchemaKind.Any) return;
        if (value is null)
        {
            if (!schema.Nullable && !checkDefault) problems.Add(new(path, source, "null", SchemaNode.Name(schema.Kind), schema.Position));
            return;
        }
        switch (schema.Kind)
        {
            case SchemaKind.Map:
                if (value is not Map m)
                {
                    problems.Add(new(path, source, FoundName(value), SchemaNode.Name(schema.Kind), schema.Position));
                    return;
                }
                foreach (var item in m.Items)
                {
                    string p = Join(path, YamlModel.FormatKey(item.Key));
                    var src = SourceOf(item, source);
                    var prop = schema.Property(item.Key);
                    if (prop is null)
                    {
                        problems.Add(new(p, src, YamlModel.FormatKey(item.Key), "(a key defined in map)", schema.Position) { UndeclaredKey = true });
                        continue;
                    }
                    Check(item.Value, prop, p, src, problems, checkDefault);
                }
                return;
            case SchemaKind.Array:
                if (value is not YamlArray a)
                {
                    problems.Add(new(path, source, FoundName(value), SchemaNode.Name(schema.Kind), schema.Position));
                    return;
                }
                for (int i = 0; i < a.Items.Count; i++)
                {
                    Check(a.Items[i].Value, schema.Item!, path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", SourceOf(a.Items[i], source), problems, checkDefault);
                }
                return;
            default:
                bool ok = schema.Kind switch
                {
                    SchemaKind.String => value is string,
                    SchemaKind.Integer => value is long or int or BigInteger,
                    SchemaKind.Float => value is double or long or int or BigInteger,
                    SchemaKind.Boolean => value is bool,
                    _ => true,
                };
                if (!ok) problems.Add(new(path, source, FoundName(value), SchemaNode.Name(schema.Kind), schema.Position));
                return;
        }
    }

    /// <summary>ytt's name of a value's type.</summary>
    public static string FoundName(object? value) => value switch
    {
        null => "null",
        Map => "map",
        YamlArray => "array",
        string => "string",
        bool => "boolean",
        double => "float",
        long or int or BigInteger => "integer",
        _ => value.GetType().Name,
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static Position SourceOf(Node n, Position fallback) => n.Position.IsKnown ? n.Position : fallback;
}
