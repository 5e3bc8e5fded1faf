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
        if (value is not DocumentSet set)
        {
            return YamlEmitter.Emit(value);
        }

        var sb = new StringBuilder();
        for (var i = 0; i < set.Items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append("---\n");
            }

            YamlEmitter.Write(set.Items[i].Value, sb);
        }

        return sb.ToString();
    }
}
