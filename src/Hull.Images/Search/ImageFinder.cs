using Hull.Images.Config;
using Hull.Images.Output;
using Hull.Yaml;

namespace Hull.Images.Search;

/// <summary>
/// Finds image references by kbld's search rules. Every map value and array item is offered to the rules in
/// order (configured rules, then the default <c>image</c> key rule); the first rule that matches decides what
/// happens to it, and a matched value is not searched further.
/// </summary>
public sealed class ImageFinder
{
    private readonly IReadOnlyList<SearchRule> _rules;

    /// <summary>Creates a finder trying exactly <paramref name="rules"/> (include <see cref="SearchRule.Default"/> yourself).</summary>
    public ImageFinder(IReadOnlyList<SearchRule> rules) => _rules = rules;

    /// <summary>
    /// The sites in a value, in document order. Strings holding embedded JSON/YAML get a finaliser in
    /// <paramref name="finalisers"/> that writes them back (re-encoded, as kbld does) once their sites are set.
    /// </summary>
    public List<ImageSite> Find(object? root, List<Action> finalisers)
    {
        var sites = new List<ImageSite>();
        Walk(root, new List<object>(), sites, finalisers);
        return sites;
    }

    private void Walk(object? value, List<object> path, List<ImageSite> sites, List<Action> finalisers)
    {
        switch (value)
        {
            case Map map:
                foreach (var item in map.Items)
                {
                    path.Add(GoYaml.KeyText(item.Key));
                    Offer(item.Value, path, v => item.Value = v, sites, finalisers);
                    path.RemoveAt(path.Count - 1);
                }
                break;
            case YamlArray array:
                for (int i = 0; i < array.Items.Count; i++)
                {
                    var item = array.Items[i];
                    path.Add(i);
                    Offer(item.Value, path, v => item.Value = v, sites, finalisers);
                    path.RemoveAt(path.Count - 1);
                }
                break;
        }
    }

    private void Offer(object? value, List<object> path, Action<string> set, List<ImageSite> sites, List<Action> finalisers)
    {
        SearchRule? rule = null;
        foreach (var r in _rules)
        {
            if (r.Matches(path, value))
            {
                rule = r;
                break;
            }
        }
        if (rule is null)
        {
            Walk(value, path, sites, finalisers);
            return;
        }
        if (value is not string text)
        {
            return;
        }
        switch (rule.EffectiveStrategy)
        {
            case UpdateStrategyKind.None:
                return;
            case UpdateStrategyKind.EntireValue:
                sites.Add(new ImageSite(text, set));
                return;
            case UpdateStrategyKind.Json:
                Embedded(text, rule, allowYaml: false, set, sites, finalisers);
                return;
            default:
                Embedded(text, rule, allowYaml: true, set, sites, finalisers);
                return;
        }
    }

    // kbld prefers JSON (JSON is YAML too) and re-encodes what it decoded; text that is neither is left alone.
    private void Embedded(string text, SearchRule rule, bool allowYaml, Action<string> set, List<ImageSite> sites, List<Action> finalisers)
    {
        // Only the strategy's own rules apply inside (kbld adds no default rule there).
        var inner = new ImageFinder(rule.NestedRules);
        if (GoJson.TryParse(text, out var json))
        {
            sites.AddRange(inner.Find(json, finalisers));
            finalisers.Add(() => set(GoJson.Emit(json)));
            return;
        }
        if (!allowYaml)
        {
            return;
        }
        DocumentSet stream;
        try
        {
            stream = YamlParser.Parse(text, "embedded", new YamlParseOptions { WithoutComments = true });
        }
        catch (YamlException)
        {
            return;
        }
        var docs = stream.Items.Where(d => !d.Injected && d.Value is not null).ToList();
        foreach (var doc in docs)
        {
            sites.AddRange(inner.Find(doc.Value, finalisers));
        }
        finalisers.Add(() => set(string.Concat(docs.Select(d => "---\n" + GoYaml.Emit(d.Value)))));
    }
}
