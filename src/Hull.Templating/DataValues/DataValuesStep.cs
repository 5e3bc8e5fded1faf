using Hull.Starlark.Values;
using Hull.Templating.Values;
using Hull.Yaml;

namespace Hull.Templating.DataValues;

/// <summary>One input to a library's data values, in the order it applies.</summary>
/// <param name="Document">The values as a document.</param>
/// <param name="Source">How errors name it (file, or flag and argument).</param>
/// <param name="Plain">True for plain values (command line, `with_data_values(plain=True)`): maps merge and may add keys,
/// everything else replaces, annotations are ignored. False for data values overlays (`#@data/values` documents).</param>
public sealed record DataValuesStep(Document Document, string Source, bool Plain)
{
    /// <summary>Separates a source's display name from what makes its pseudo file name unique.</summary>
    public const char PseudoFileSeparator = '\u0000';

    /// <summary>For command-line sources: the pseudo file name their nodes' positions carry, and its text.</summary>
    public (string File, string Text)? SourceFile { get; init; }

    /// <summary>A position's file as users see it (pseudo file names lose their unique suffix).</summary>
    public static string DisplayName(string? file)
    {
        if (file is null) return "";
        int i = file.IndexOf(PseudoFileSeparator, StringComparison.Ordinal);
        return i < 0 ? file : file[..i];
    }

    /// <summary>The steps for command-line sources, in precedence order.</summary>
    public static IEnumerable<DataValuesStep> FromCommandLine(IEnumerable<DataValuesSource> sources)
    {
        int ordinal = 0;
        foreach (var source in sources)
        {
            ordinal++;
            if (source.Kind == DataValuesSourceKind.PlainYaml)
            {
                DocumentSet set;
                try
                {
                    set = Yaml.YamlParsing.Parse(source.Name, source.Text);
                }
                catch (TemplateException e) when (e.UnparsableYamlFile is not null)
                {
                    throw UnparsableFile(source.Name, e.Message, e);
                }
                if (HasAnnotations(set))
                {
                    throw new TemplateException($"Checking data values file '{source.Name}': Expected to be plain YAML, having no annotations (hint: remove comments starting with `#@`)");
                }
                foreach (var doc in set.Items)
                {
                    if (doc.Value is null) continue; // empty documents (and trailing comments) set nothing
                    if (doc.Value is not (Map or null))
                    {
                        throw new TemplateException($"Expected data values file '{source.Name}' to contain a map, but document on line {doc.Position.AsCompactString()} is not a map");
                    }
                    yield return new DataValuesStep(doc, source.Name, true) { SourceFile = (source.Name, source.Text) };
                }
                continue;
            }
            // ytt names a flag's values by the flag ("(data-value arg)"), at line 1 of its argument.
            string pseudo = source.Display + PseudoFileSeparator + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var pos = new Position(pseudo, 1);
            object? value = source.Text;
            if (source.AsYaml)
            {
                var docs = Yaml.YamlParsing.ParsePlain(source.Name, source.Text).Items;
                value = docs.Count > 0 ? docs[0].Value : null;
                SetPositions(value, pos);
            }
            var path = (source.KeyPath ?? "").Split('.');
            if (path.Any(p => p.Length == 0))
            {
                throw new TemplateException($"Expected key path '{source.KeyPath}' of {source.Name} to be dot-separated non-empty keys");
            }
            if (path.Length > ValueDepth.MaxDepth)
            {
                throw new TemplateException($"Expected key path of {source.Name} to have at most {ValueDepth.MaxDepth} keys, but it has {path.Length} (exceeded max depth)");
            }
            for (int i = path.Length - 1; i >= 0; i--)
            {
                value = new Map([new MapItem(path[i], value) { Position = pos }]) { Position = pos };
            }
            yield return new DataValuesStep(new Document(value) { Position = pos }, source.Name, true) { SourceFile = (pseudo, source.SourceText) };
        }
    }

    /// <summary>ytt's error for a data values file (`--data-values-file`) that is not YAML, or not UTF-8.</summary>
    public static TemplateException UnparsableFile(string name, string problem, Exception? inner = null) =>
        new($"Extracting data value from file:\n  Unmarshaling YAML data values file '{name}': {problem}", inner);

    private static bool HasAnnotations(Node node)
    {
        WalkDepth.EnsureStack("read data values");
        foreach (var c in node.Comments)
        {
            if (c.Kind == CommentKind.Code) return true;
        }
        return node switch
        {
            DocumentSet ds => ds.Items.Any(HasAnnotations),
            Map m => m.Items.Any(HasAnnotations),
            YamlArray a => a.Items.Any(HasAnnotations),
            _ => Yaml.YamlModel.HoldsValue(node) && Yaml.YamlModel.ValueOf(node) is Node child && HasAnnotations(child),
        };
    }

    // A value parsed from a flag has no file: its nodes are named after the flag instead.
    private static void SetPositions(object? value, Position pos)
    {
        WalkDepth.EnsureStack("read data values");
        switch (value)
        {
            case Map m:
                foreach (var i in m.Items)
                {
                    i.Position = pos;
                    SetPositions(i.Value, pos);
                }
                m.Position = pos;
                break;
            case YamlArray a:
                foreach (var i in a.Items)
                {
                    i.Position = pos;
                    SetPositions(i.Value, pos);
                }
                a.Position = pos;
                break;
        }
    }
}
