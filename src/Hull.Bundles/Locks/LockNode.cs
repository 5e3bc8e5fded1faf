using Hull.Yaml;

namespace Hull.Bundles.Locks;

/// <summary>
/// A strict view of a parsed lock file (Hull.Yaml nodes), as sigs.k8s.io/yaml's UnmarshalStrict reads it:
/// unknown keys and values of the wrong type are errors.
/// </summary>
internal sealed class LockNode
{
    private readonly object? _value;

    private LockNode(object? value) => _value = value;

    public static LockNode Parse(string text, string what)
    {
        DocumentSet set;
        try
        {
            set = YamlParser.Parse(text, what, new YamlParseOptions { WithoutComments = true });
        }
        catch (YamlException ex)
        {
            throw new BundleException($"yaml: {ex.Message}", ex);
        }
        var document = set.Items.FirstOrDefault(d => !d.IsEmpty);
        return new LockNode(document?.Value);
    }

    public LockNode AsMap(string what) => _value switch
    {
        Hull.Yaml.Map => this,
        null => new LockNode(new Hull.Yaml.Map()),
        _ => throw new BundleException($"expected a map for {what}"),
    };

    private Hull.Yaml.Map Items => (Hull.Yaml.Map)_value!;

    public void Only(params string[] keys)
    {
        foreach (var item in Items.Items)
        {
            if (item.Key is not string key || !keys.Contains(key))
            {
                throw new BundleException($"error unmarshaling JSON: while decoding JSON: json: unknown field \"{item.Key}\"");
            }
        }
    }

    private object? Get(string key) => Items.Find(key)?.Value;

    public string? String(string key) => Get(key) switch
    {
        null => null,
        string s => s,
        var other => throw new BundleException($"expected a string for \"{key}\", got {other}"),
    };

    public bool Bool(string key) => Get(key) switch
    {
        null => false,
        bool b => b,
        var other => throw new BundleException($"expected true or false for \"{key}\", got {other}"),
    };

    public LockNode? Map(string key) => Get(key) is { } v ? new LockNode(v).AsMap(key) : null;

    public IReadOnlyList<LockNode> Sequence(string key) => Get(key) switch
    {
        null => [],
        YamlArray array => array.Items.Select(i => new LockNode(i.Value)).ToList(),
        _ => throw new BundleException($"expected a list for \"{key}\""),
    };

    public IReadOnlyDictionary<string, string>? StringMap(string key)
    {
        var map = Map(key);
        if (map is null)
        {
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in map.Items.Items)
        {
            result[item.Key?.ToString() ?? ""] = item.Value as string ?? throw new BundleException($"expected a string for \"{key}.{item.Key}\"");
        }
        return result;
    }
}
