namespace Hull.Images.Config;

/// <summary>What happens to a value a search rule matches (kbld's <c>updateStrategy</c>).</summary>
public enum UpdateStrategyKind
{
    /// <summary>The whole string is an image reference (the default).</summary>
    EntireValue,

    /// <summary>The value is left alone and not resolved.</summary>
    None,

    /// <summary>The string is a JSON document searched with nested rules.</summary>
    Json,

    /// <summary>The string is a YAML document searched with nested rules.</summary>
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
        int index => AllIndexes || Index == index,
        _ => false,
    };
}

/// <summary>A kbld search rule: where image references are and how to update them.</summary>
public sealed record SearchRule
{
    /// <summary>kbld's default rule: any map key <c>image</c> with a string value.</summary>
    public static SearchRule Default { get; } = new() { KeyName = "image" };

    /// <summary><c>keyMatcher.name</c>: the map key to match.</summary>
    public string? KeyName { get; init; }

    /// <summary><c>keyMatcher.path</c>: the full path from the document root.</summary>
    public IReadOnlyList<KeyPathPart>? KeyPath { get; init; }

    /// <summary><c>valueMatcher.image</c>: the exact value to match.</summary>
    public string? ValueImage { get; init; }

    /// <summary><c>valueMatcher.imageRepo</c>: the repository (value without tag and digest) to match.</summary>
    public string? ValueImageRepo { get; init; }

    /// <summary>How a matched value is updated.</summary>
    public UpdateStrategyKind Strategy { get; init; } = UpdateStrategyKind.EntireValue;

    /// <summary>Rules for the embedded document of a json/yaml strategy (the default rule when empty).</summary>
    public IReadOnlyList<SearchRule> NestedRules { get; init; } = [];

    /// <summary>Whether the rule matches a string value at <paramref name="path"/> (keys are strings, indexes ints).</summary>
    public bool Matches(IReadOnlyList<object> path, string value)
    {
        if (KeyName is null && KeyPath is null && ValueImage is null && ValueImageRepo is null)
        {
            return false;
        }
        if (KeyName is not null && (path.Count == 0 || path[^1] is not string key || key != KeyName))
        {
            return false;
        }
        if (KeyPath is not null)
        {
            if (KeyPath.Count != path.Count)
            {
                return false;
            }
            for (int i = 0; i < path.Count; i++)
            {
                if (!KeyPath[i].Matches(path[i]))
                {
                    return false;
                }
            }
        }
        if (ValueImage is not null && ValueImage != value)
        {
            return false;
        }
        if (ValueImageRepo is not null && ImageRepository.Of(value) != ValueImageRepo && ImageRepository.Normalised(value) != ImageRepository.Normalised(ValueImageRepo))
        {
            return false;
        }
        return true;
    }
}
