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
        if (YamlModel.Kind(left) != NodeKind.Map || YamlModel.Kind(right) != NodeKind.Map)
        {
            return YamlModel.IsNode(right) ? YamlModel.DeepCopy(right!) : right;
        }
        var items = YamlModel.Items(left!);
        foreach (var item in YamlModel.Items(right!))
        {
            var key = YamlModel.Key(item);
            var existing = items.FirstOrDefault(i => Equals(YamlModel.Key(i), key));
            if (existing is null)
            {
                items.Add(YamlModel.DeepCopy(item));
            }
            else
            {
                YamlModel.SetValue(existing, MergeInto(YamlModel.ValueOf(existing), YamlModel.ValueOf(item)));
            }
        }
        return left;
    }

    /// <summary>Applies a command-line source.</summary>
    public void Apply(DataValuesSource source, TemplateOptions options)
    {
        if (source.Kind == DataValuesSourceKind.PlainYaml)
        {
            var docSet = YamlParsing.ParsePlain(source.Name, source.Text, options);
            foreach (var doc in YamlModel.Items(docSet)) Merge(YamlModel.ValueOf(doc));
            return;
        }
        object? value = source.Text;
        if (source.AsYaml)
        {
            var docs = YamlModel.Items(YamlParsing.ParsePlain(source.Name, source.Text, options));
            value = docs.Count > 0 ? YamlModel.ValueOf(docs[0]) : null;
        }
        var path = (source.KeyPath ?? "").Split('.');
        for (int i = path.Length - 1; i >= 0; i--)
        {
            value = YamlModel.NewMap([YamlModel.NewMapItem(path[i], value)]);
        }
        Merge(value);
    }
}
