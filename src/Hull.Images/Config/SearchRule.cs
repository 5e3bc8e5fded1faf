using Hull.Yaml;

namespace Hull.Images.Config;

/// <summary>What happens to a value a search rule matches (kbld's <c>updateStrategy</c>).</summary>
public enum UpdateStrategyKind
{
    /// <summary>The whole string is an image reference (the default).</summary>
    EntireValue,

    /// <summary>The value is left alone and not resolved (and no later rule looks at it).</summary>
    None,

    /// <summary>The string is a JSON document searched with nested rules.</summary>
    Json,

    /// <summary>The string is JSON or a YAML stream searched with nested rules.</summary>
    Yaml,
}

/// <summary>One step of a <c>keyMatcher.path</c>: a map key, an array index, or any index.</summary>
/// <param name="Key">The map key, when this step is a key.</param>
/// <param name="Index">The array index, when this step is <c>{index: N}</c>.</param>
/// <param name="AllIndexes">True for <c>{allIndexes: true}</c>.</param>
public sealed record KeyPathPart(string? Key, int? Index = null, bool AllIndexes = false)
{
    /// <summary>Whether the step matches a path element (a string key or an int index).</summary>
    public bool Matches(object element) => element switch
    {
        string key => Key is not null && Key == key,
        int index => Key is null && (Index is { } i ? i == index : AllIndexes),
        _ => false,
    };

    /// <summary>The step as kbld writes it back.</summary>
    public object ToNode()
    {
        if (Key is not null)
        {
            return Key;
        }
        var map = new Map();
        if (AllIndexes)
        {
            map.Items.Add(new MapItem("allIndexes", true));
        }
        if (Index is { } index)
        {
            map.Items.Add(new MapItem("index", (long)index));
        }
        return map;
    }
}

/// <summary>A kbld search rule: where image references are and how to update them.</summary>
public sealed record SearchRule
{
    /// <summary>kbld's default rule, tried last: any map key <c>image</c>.</summary>
    public static SearchRule Default { get; } = new() { KeyName = "image" };

    /// <summary><c>keyMatcher.name</c>: the map key to match (the last step of the path).</summary>
    public string? KeyName { get; init; }

    /// <summary><c>keyMatcher.path</c>: the full path from the document root (used when there is no name).</summary>
    public IReadOnlyList<KeyPathPart>? KeyPath { get; init; }

    /// <summary><c>valueMatcher.image</c>: the exact value to match.</summary>
    public string? ValueImage { get; init; }

    /// <summary><c>valueMatcher.imageRepo</c>: the repository (as written, without tag and digest) to match.</summary>
    public string? ValueImageRepo { get; init; }

    /// <summary>Whether the rule has a <c>keyMatcher</c>.</summary>
    public bool HasKeyMatcher => KeyName is not null || KeyPath is not null;

    /// <summary>Whether the rule has a <c>valueMatcher</c>.</summary>
    public bool HasValueMatcher => ValueImage is not null || ValueImageRepo is not null;

    /// <summary>How a matched value is updated; null when the rule does not say (entire value).</summary>
    public UpdateStrategyKind? Strategy { get; init; }

    /// <summary>The effective strategy.</summary>
    public UpdateStrategyKind EffectiveStrategy => Strategy ?? UpdateStrategyKind.EntireValue;

    /// <summary>Rules for the embedded document of a json/yaml strategy (only these: no default rule applies inside).</summary>
    public IReadOnlyList<SearchRule> NestedRules { get; init; } = [];

    /// <summary>Whether the rule matches <paramref name="value"/> at <paramref name="path"/> (keys are strings, indexes ints).</summary>
    public bool Matches(List<object> path, object? value)
    {
        if (KeyName is { Length: > 0 } name)
        {
            if (path.Count == 0 || path[^1] is not string key || key != name)
            {
                return false;
            }
        }
        else if (KeyPath is { Count: > 0 } keyPath)
        {
            if (keyPath.Count != path.Count)
            {
                return false;
            }
            for (int i = 0; i < path.Count; i++)
            {
                if (!keyPath[i].Matches(path[i]))
                {
                    return false;
                }
            }
        }
        if (ValueImage is { Length: > 0 } image)
        {
            return value is string s && s == image;
        }
        if (ValueImageRepo is { Length: > 0 } repo)
        {
            return value is string s && ImageRepository.TryOf(s, out var found) && found == repo;
        }
        return true;
    }

    /// <summary>The rule as kbld writes it in a lock Config (<c>--lock-output</c>).</summary>
    public Map ToNode()
    {
        var map = new Map();
        if (HasKeyMatcher)
        {
            var key = new Map();
            if (KeyName is not null)
            {
                key.Items.Add(new MapItem("name", KeyName));
            }
            if (KeyPath is { Count: > 0 })
            {
                key.Items.Add(new MapItem("path", new YamlArray(KeyPath.Select(p => new ArrayItem(p.ToNode())))));
            }
            map.Items.Add(new MapItem("keyMatcher", key));
        }
        if (HasValueMatcher)
        {
            var value = new Map();
            if (ValueImage is not null)
            {
                value.Items.Add(new MapItem("image", ValueImage));
            }
            if (ValueImageRepo is not null)
            {
                value.Items.Add(new MapItem("imageRepo", ValueImageRepo));
            }
            map.Items.Add(new MapItem("valueMatcher", value));
        }
        if (Strategy is { } strategy)
        {
            var body = new Map();
            if (NestedRules.Count > 0)
            {
                body.Items.Add(new MapItem("searchRules", new YamlArray(NestedRules.Select(r => new ArrayItem(r.ToNode())))));
            }
            string name = strategy switch
            {
                UpdateStrategyKind.None => "none",
                UpdateStrategyKind.Json => "json",
                UpdateStrategyKind.Yaml => "yaml",
                _ => "entireValue",
            };
            map.Items.Add(new MapItem("updateStrategy", new Map([new MapItem(name, body)])));
        }
        return map;
    }
}
