using System.Text;
using Hull.Yaml;

namespace Hull.Templating.Yaml;

/// <summary>Rendered documents as ytt prints them, through Hull.Yaml's emitters.</summary>
public static class YamlOutput
{
    /// <summary>Documents as ytt's YAML output (empty documents dropped, `---` between).</summary>
    public static string Yaml(IEnumerable<Document> docs) => YamlEmitter.EmitDocuments(docs);

    /// <summary>Documents as JSON, as `-o json` prints them.</summary>
    public static string Json(IEnumerable<Document> docs)
    {
        try
        {
            return JsonEmitter.EmitDocuments(docs);
        }
        catch (YamlException e)
        {
            throw new TemplateException(e.Message, e);
        }
    }

    /// <summary>Documents with each node's source position (`-o pos`).</summary>
    public static string Positions(IEnumerable<Document> docs) => PositionPrinter.PrintDocuments(docs);

    /// <summary>A single value encoded as yaml.encode does; document sets print their documents separated by `---`.</summary>
    public static string Encode(object? value)
    {
        // As ytt, a null value encodes as nothing, and a document set leaves out its null documents.
        if (value is not DocumentSet set)
        {
            return value is null ? "" : YamlEmitter.Emit(value);
        }

        var sb = new StringBuilder();
        bool first = true;
        foreach (var doc in set.Items)
        {
            if (doc.Value is null) continue;
            if (!first)
            {
                sb.Append("---\n");
            }

            first = false;
            YamlEmitter.Write(doc.Value, sb);
        }

        return sb.ToString();
    }
}
