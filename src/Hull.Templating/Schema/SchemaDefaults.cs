using Hull.Yaml;
using Hull.Templating.Values;

namespace Hull.Templating.Schema;

/// <summary>Completes values with schema defaults: maps get their missing keys (in schema order), array items are completed too.</summary>
public static class SchemaDefaults
{
    /// <summary>Returns <paramref name="value"/> completed against <paramref name="schema"/> (nodes are reused, not copied).</summary>
    public static object? Fill(object? value, SchemaNode schema)
    {
        WalkDepth.EnsureStack("build schema defaults");
        switch (schema.Kind)
        {
            case SchemaKind.Map when value is Map m:
                {
                    var result = new Map { Position = m.Position, Annotations = m.Annotations };
                    result.SetComments(m.Comments);
                    foreach (var p in schema.Properties)
                    {
                        var given = m.Find(p.Key);
                        if (given is not null)
                        {
                            given.Value = Fill(given.Value, p.Value);
                            result.Items.Add(given);
                        }
                        else
                        {
                            result.Items.Add(new MapItem(p.Key, p.Value.NewDefault()) { Position = p.Value.Position });
                        }
                    }
                    foreach (var item in m.Items)
                    {
                        if (schema.Property(item.Key) is null) result.Items.Add(item);
                    }
                    return result;
                }
            case SchemaKind.Array when value is YamlArray a && schema.Item is { } itemSchema:
                return FillArray(a, itemSchema);
            default:
                return value;
        }
    }

    /// <summary>Completes each item of an array against the item schema, in place.</summary>
    public static YamlArray FillArray(YamlArray a, SchemaNode item)
    {
        var copy = (YamlArray)a.DeepCopy();
        foreach (var i in copy.Items) i.Value = Fill(i.Value, item);
        return copy;
    }
}
