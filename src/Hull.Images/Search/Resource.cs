using Hull.Yaml;

namespace Hull.Images.Search;

/// <summary>One document kbld treats as a resource: a non-empty map (items of a List come out one by one).</summary>
/// <param name="Root">The document's map, changed in place by resolution.</param>
/// <param name="Where">The file and line it came from, for messages.</param>
public sealed record Resource(Map Root, string Where)
{
    /// <summary>The resources of parsed files, in order: empty documents skipped, lists split into their items.</summary>
    public static List<Resource> From(IEnumerable<DocumentSet> inputs)
    {
        var result = new List<Resource>();
        foreach (var set in inputs)
        {
            int index = 0;
            foreach (var doc in set.Items)
            {
                if (doc.Injected)
                {
                    continue;
                }
                index++;
                string where = $"{doc.Position.File ?? "input"} doc {index}";
                switch (doc.Value)
                {
                    case null:
                    case Map { Items.Count: 0 }:
                        break;
                    case Map root when root.Find("items")?.Value is YamlArray items:
                        // Kubernetes' List convention, as kbld reads it: the items are the resources.
                        foreach (var item in items.Items)
                        {
                            if (item.Value is not Map itemMap)
                            {
                                throw new ImagesException($"{where}: items of a list must be maps");
                            }
                            result.Add(new Resource(itemMap, where));
                        }
                        break;
                    case Map root:
                        result.Add(new Resource(root, where));
                        break;
                    default:
                        throw new ImagesException($"{where}: expected a map (every document is read as a resource), got {(doc.Value is YamlArray ? "a list" : "a scalar")}");
                }
            }
        }
        return result;
    }

    /// <summary>kbld's description of a resource: <c>kind/name (apiVersion) namespace: ns</c> or <c>… cluster</c>.</summary>
    public string Description()
    {
        var metadata = Root.Find("metadata")?.Value as Map;
        string name = metadata?.Find("name")?.Value as string ?? (metadata?.Find("generateName")?.Value is string g && g.Length > 0 ? g + "*" : "");
        string ns = metadata?.Find("namespace")?.Value as string ?? "";
        string text = $"{(Root.Find("kind")?.Value as string ?? "").ToLowerInvariant()}/{name} ({Root.Find("apiVersion")?.Value as string ?? ""})";
        return text + (ns.Length > 0 ? " namespace: " + ns : " cluster");
    }
}
