using Hull.Yaml;

namespace Hull.Templating.Yaml;

/// <summary>Merges data values: maps merge key by key (later wins, new keys added), anything else is replaced.
/// The issue 'Data values' replaces this with ytt's overlay-based merging and schemas.</summary>
public sealed class DataValuesMerger
{
    /// <summary>The merged values (a Map node, or null).</summary>
    public object? Root { get; private set; }

    /// <summary>Merges a YAML value on top.</summary>
    public void Merge(object? value) => Root = MergeInto(Root, value);

    private static object? MergeInto(object? left, object? right)
    {
        if (left is not Map into || right is not Map from)
        {
            return Node.CopyValue(right);
        }
        foreach (var item in from.Items)
        {
            var existing = into.Items.FirstOrDefault(i => Map.KeyEquals(i.Key, item.Key));
            if (existing is null)
            {
                into.Items.Add((MapItem)item.DeepCopy());
            }
            else
            {
                existing.Value = MergeInto(existing.Value, item.Value);
            }
        }
        return into;
    }

    /// <summary>Applies a command-line source.</summary>
    public void Apply(DataValuesSource source)
    {
        if (source.Kind == DataValuesSourceKind.PlainYaml)
        {
            foreach (var doc in YamlParsing.ParsePlain(source.Name, source.Text).Items) Merge(doc.Value);
            return;
        }
        object? value = source.Text;
        if (source.AsYaml)
        {
            var docs = YamlParsing.ParsePlain(source.Name, source.Text).Items;
            value = docs.Count > 0 ? docs[0].Value : null;
        }
        var path = (source.KeyPath ?? "").Split('.');
        for (int i = path.Length - 1; i >= 0; i--)
        {
            value = new Map([new MapItem(path[i], value)]);
        }
        Merge(value);
    }
}
