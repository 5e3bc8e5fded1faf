using Hull.Yaml;

namespace Hull.Templating.Yaml;

/// <summary>Finds `#@data/values` (and `#@data/values-schema`) documents, removing them from the template's document set.</summary>
public static class DataValuesDocuments
{
    /// <summary>Annotation marking a data values document.</summary>
    public const string Values = "data/values";

    /// <summary>Annotation marking a schema document (its defaults become values until schemas are implemented fully).</summary>
    public const string Schema = "data/values-schema";

    /// <summary>Moves data values documents into a new document set (schema documents first); null when there are none.</summary>
    public static DocumentSet? Extract(DocumentSet docSet)
    {
        var items = docSet.Items;
        var schema = new List<Document>();
        var values = new List<Document>();
        for (int i = 0; i < items.Count; i++)
        {
            string? kind = null;
            foreach (var c in items[i].Comments)
            {
                string name = c.Kind == CommentKind.Code ? c.Data[1..].Split(' ', 2)[0] : "";
                if (name == Values || name == Schema) kind = name;
            }
            if (kind is null) continue;
            (kind == Schema ? schema : values).Add(items[i]);
            items.RemoveAt(i);
            i--;
        }
        if (schema.Count == 0 && values.Count == 0) return null;
        return new DocumentSet([.. schema, .. values]);
    }
}
