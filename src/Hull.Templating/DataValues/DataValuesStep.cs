using Hull.Yaml;

namespace Hull.Templating.DataValues;

/// <summary>One input to a library's data values, in the order it applies.</summary>
/// <param name="Document">The values as a document.</param>
/// <param name="Source">How errors name it (file, or flag and argument).</param>
/// <param name="Plain">True for plain values (command line, `with_data_values(plain=True)`): maps merge and may add keys,
/// everything else replaces, annotations are ignored. False for data values overlays (`#@data/values` documents).</param>
public sealed record DataValuesStep(Document Document, string Source, bool Plain)
{
    /// <summary>The steps for command-line sources, in precedence order.</summary>
    public static IEnumerable<DataValuesStep> FromCommandLine(IEnumerable<DataValuesSource> sources)
    {
        foreach (var source in sources)
        {
            if (source.Kind == DataValuesSourceKind.PlainYaml)
            {
                var set = Yaml.YamlParsing.ParsePlain(source.Name, source.Text);
                foreach (var doc in set.Items)
                {
                    if (doc.Value is null && doc.Injected) continue;
                    if (doc.Value is not (Map or null))
                    {
                        throw new TemplateException($"Expected data values file '{source.Name}' to contain a map, but document on line {doc.Position.AsCompactString()} is not a map");
                    }
                    yield return new DataValuesStep(doc, source.Name, true);
                }
                continue;
            }
            object? value = source.Text;
            if (source.AsYaml)
            {
                var docs = Yaml.YamlParsing.ParsePlain(source.Name, source.Text).Items;
                value = docs.Count > 0 ? docs[0].Value : null;
                StripPositions(value);
            }
            var pos = new Position(source.Name, 0);
            var path = (source.KeyPath ?? "").Split('.');
            if (path.Any(p => p.Length == 0))
            {
                throw new TemplateException($"Expected key path '{source.KeyPath}' of {source.Name} to be dot-separated non-empty keys");
            }
            for (int i = path.Length - 1; i >= 0; i--)
            {
                value = new Map([new MapItem(path[i], value) { Position = pos }]) { Position = pos };
            }
            yield return new DataValuesStep(new Document(value) { Position = pos }, source.Name, true);
        }
    }

    // A value parsed from a flag has no file: its nodes are named after the flag instead.
    private static void StripPositions(object? value)
    {
        switch (value)
        {
            case Map m:
                foreach (var i in m.Items)
                {
                    i.Position = default;
                    StripPositions(i.Value);
                }
                m.Position = default;
                break;
            case YamlArray a:
                foreach (var i in a.Items)
                {
                    i.Position = default;
                    StripPositions(i.Value);
                }
                a.Position = default;
                break;
        }
    }
}
