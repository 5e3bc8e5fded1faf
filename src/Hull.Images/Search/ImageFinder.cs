using Hull.Images.Config;
using Hull.Yaml;

namespace Hull.Images.Search;

/// <summary>
/// Finds image references in a document by kbld's search rules: the first rule matching a string value wins,
/// configured rules before the default <c>image</c> key rule.
/// </summary>
public sealed class ImageFinder
{
    private readonly IReadOnlyList<SearchRule> _rules;

    /// <summary>Creates a finder trying <paramref name="rules"/> and then the default rule.</summary>
    public ImageFinder(IEnumerable<SearchRule> rules) => _rules = [.. rules, SearchRule.Default];

    /// <summary>
    /// The sites in a value, in document order. Sites inside embedded JSON/YAML strings come with a finaliser in
    /// <paramref name="finalisers"/> that re-writes the string once the sites have been set.
    /// </summary>
    public List<ImageSite> Find(object? root, List<Action> finalisers, string where)
    {
        var sites = new List<ImageSite>();
        Walk(root, new List<object>(), sites, finalisers, where);
        return sites;
    }

    private void Walk(object? value, List<object> path, List<ImageSite> sites, List<Action> finalisers, string where)
    {
        switch (value)
        {
            case Map map:
                foreach (var item in map.Items)
                {
                    path.Add(item.Key?.ToString() ?? "");
                    if (item.Value is string s)
                    {
                        Visit(s, path, v => item.Value = v, sites, finalisers, where);
                    }
                    else
                    {
                        Walk(item.Value, path, sites, finalisers, where);
                    }
                    path.RemoveAt(path.Count - 1);
                }
                break;
            case YamlArray array:
                for (int i = 0; i < array.Items.Count; i++)
                {
                    var item = array.Items[i];
                    path.Add(i);
                    if (item.Value is string s)
                    {
                        Visit(s, path, v => item.Value = v, sites, finalisers, where);
                    }
                    else
                    {
                        Walk(item.Value, path, sites, finalisers, where);
                    }
                    path.RemoveAt(path.Count - 1);
                }
                break;
        }
    }

    private void Visit(string value, List<object> path, Action<string> set, List<ImageSite> sites, List<Action> finalisers, string where)
    {
        var rule = _rules.FirstOrDefault(r => r.Matches(path, value));
        switch (rule?.Strategy)
        {
            case null or UpdateStrategyKind.None:
                return;
            case UpdateStrategyKind.EntireValue:
                sites.Add(new ImageSite(value, set));
                return;
            default:
                bool json = rule.Strategy == UpdateStrategyKind.Json;
                string at = $"{where} ({string.Join('.', path)})";
                DocumentSet embedded;
                try
                {
                    embedded = YamlParser.Parse(value, at, new YamlParseOptions { WithoutComments = true });
                }
                catch (YamlException e)
                {
                    throw new ImagesException($"{at}: value is not {(json ? "JSON" : "YAML")} as its search rule's updateStrategy says: {e.Message}");
                }
                var inner = new ImageFinder(rule.NestedRules);
                var docs = embedded.Items.Where(d => !d.Injected).ToList();
                foreach (var doc in docs)
                {
                    sites.AddRange(inner.Find(doc.Value, finalisers, at));
                }
                finalisers.Add(() => set(json
                    ? string.Concat(docs.Select(d => Hull.Images.Output.CompactJson.Emit(d.Value)))
                    : YamlEmitter.EmitDocuments(docs)));
                return;
        }
    }
}
