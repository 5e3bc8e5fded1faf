using System.Globalization;
using Hull.Yaml;

namespace Hull.Images.Config;

/// <summary>The search rules and overrides of kbld <c>Config</c> and imgpkg <c>ImagesLock</c> documents.</summary>
public sealed class KbldConfig
{
    /// <summary>The apiVersion of kbld's Config.</summary>
    public const string ApiVersion = "kbld.k14s.io/v1alpha1";

    /// <summary>The apiVersion of imgpkg's ImagesLock.</summary>
    public const string ImagesLockApiVersion = "imgpkg.carvel.dev/v1alpha1";

    /// <summary>The kbld version whose behaviour Hull follows; checked against <c>minimumRequiredVersion</c>.</summary>
    public const string CompatibleVersion = "0.45.0";

    /// <summary>Search rules, in document order; tried before the default rule.</summary>
    public List<SearchRule> SearchRules { get; } = new();

    /// <summary>Overrides, in document order; the first match wins.</summary>
    public List<ImageOverride> Overrides { get; } = new();

    /// <summary>Whether a document is a kbld Config or an imgpkg ImagesLock (consumed, not output).</summary>
    public static bool IsConfigDocument(Document document) => Kind(document) is not null;

    private static string? Kind(Document document)
    {
        if (document.Value is not Map map)
        {
            return null;
        }
        string? api = map.Find("apiVersion")?.Value as string;
        string? kind = map.Find("kind")?.Value as string;
        return (api, kind) switch
        {
            (ApiVersion, "Config") => "Config",
            (ImagesLockApiVersion, "ImagesLock") => "ImagesLock",
            _ => null,
        };
    }

    /// <summary>Adds what a Config or ImagesLock document says; returns false for any other document.</summary>
    public bool TryAdd(Document document)
    {
        string? kind = Kind(document);
        if (kind is null)
        {
            return false;
        }
        var map = (Map)document.Value!;
        string where = document.Position.AsCompactString();
        if (kind == "ImagesLock")
        {
            AddImagesLock(map, where);
            return true;
        }
        foreach (var item in map.Items)
        {
            switch (item.Key as string)
            {
                case "apiVersion" or "kind" or "metadata":
                    break;
                case "minimumRequiredVersion":
                    CheckVersion(item.Value, where);
                    break;
                case "searchRules":
                    SearchRules.AddRange(ParseRules(item.Value, where));
                    break;
                case "overrides":
                    foreach (var o in Items(item.Value, "overrides", where))
                    {
                        Overrides.Add(ParseOverride(o, where));
                    }
                    break;
                case "sources" or "destinations":
                    throw new ImagesException($"{where}: kbld Config '{item.Key}' is not supported: hull resolve does not build or push images (build them elsewhere, then reference them by tag or digest)");
                case "imageKeys":
                    foreach (var k in Items(item.Value, "imageKeys", where))
                    {
                        SearchRules.Add(new SearchRule { KeyName = k as string ?? throw new ImagesException($"{where}: imageKeys: expected strings") });
                    }
                    break;
                default:
                    throw new ImagesException($"{where}: kbld Config: unknown key '{item.Key}'");
            }
        }
        return true;
    }

    private void AddImagesLock(Map map, string where)
    {
        foreach (var entry in Items(map.Find("images")?.Value, "images", where))
        {
            if (entry is not Map image || image.Find("image")?.Value is not string url)
            {
                throw new ImagesException($"{where}: ImagesLock: each image needs an 'image' string");
            }
            // kbld.carvel.dev/id is the reference the image was found under; without it only the digest itself matches.
            string id = (image.Find("annotations")?.Value as Map)?.Find("kbld.carvel.dev/id")?.Value as string ?? url;
            Overrides.Add(new ImageOverride(id, null, url, Preresolved: true));
        }
    }

    private static void CheckVersion(object? value, string where)
    {
        string text = value?.ToString() ?? "";
        if (!TryVersion(text, out var wanted))
        {
            throw new ImagesException($"{where}: minimumRequiredVersion '{text}' is not a version (expected e.g. 0.30.0)");
        }
        TryVersion(CompatibleVersion, out var have);
        if (wanted > have)
        {
            throw new ImagesException($"{where}: kbld Config requires kbld {text}; hull resolve implements kbld {CompatibleVersion}");
        }
    }

    private static bool TryVersion(string text, out Version version)
    {
        string core = text.TrimStart('v').Split('-', '+')[0];
        var parts = core.Split('.');
        int[] numbers = new int[3];
        version = new Version(0, 0, 0);
        if (parts.Length is 0 or > 3)
        {
            return false;
        }
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }
        version = new Version(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>Parses a <c>searchRules</c> list.</summary>
    public static List<SearchRule> ParseRules(object? value, string where)
    {
        var rules = new List<SearchRule>();
        foreach (var r in Items(value, "searchRules", where))
        {
            if (r is not Map rule)
            {
                throw new ImagesException($"{where}: searchRules: each rule must be a map");
            }
            string? keyName = null, valueImage = null, valueRepo = null;
            List<KeyPathPart>? path = null;
            var strategy = UpdateStrategyKind.EntireValue;
            IReadOnlyList<SearchRule> nested = [];
            foreach (var item in rule.Items)
            {
                switch (item.Key as string)
                {
                    case "keyMatcher" when item.Value is Map km:
                        keyName = km.Find("name")?.Value as string;
                        if (km.Find("path")?.Value is YamlArray p)
                        {
                            path = p.Items.Select(i => ParsePathPart(i.Value, where)).ToList();
                        }
                        break;
                    case "valueMatcher" when item.Value is Map vm:
                        valueImage = vm.Find("image")?.Value as string;
                        valueRepo = vm.Find("imageRepo")?.Value as string;
                        break;
                    case "updateStrategy" when item.Value is Map us:
                        (strategy, nested) = ParseStrategy(us, where);
                        break;
                    default:
                        throw new ImagesException($"{where}: searchRules: unknown or malformed key '{item.Key}'");
                }
            }
            if (keyName is null && path is null && valueImage is null && valueRepo is null)
            {
                throw new ImagesException($"{where}: searchRules: a rule needs a keyMatcher (name or path) or a valueMatcher (image or imageRepo)");
            }
            rules.Add(new SearchRule { KeyName = keyName, KeyPath = path, ValueImage = valueImage, ValueImageRepo = valueRepo, Strategy = strategy, NestedRules = nested });
        }
        return rules;
    }

    private static (UpdateStrategyKind, IReadOnlyList<SearchRule>) ParseStrategy(Map map, string where)
    {
        if (map.Items.Count != 1 || map.Items[0].Key is not string name)
        {
            throw new ImagesException($"{where}: updateStrategy: expected exactly one of none, entireValue, json, yaml");
        }
        var nested = (map.Items[0].Value as Map)?.Find("searchRules")?.Value is { } rules ? ParseRules(rules, where) : [];
        return name switch
        {
            "none" => (UpdateStrategyKind.None, []),
            "entireValue" => (UpdateStrategyKind.EntireValue, []),
            "json" => (UpdateStrategyKind.Json, nested),
            "yaml" => (UpdateStrategyKind.Yaml, nested),
            _ => throw new ImagesException($"{where}: updateStrategy: unknown strategy '{name}' (known: none, entireValue, json, yaml)"),
        };
    }

    private static KeyPathPart ParsePathPart(object? value, string where) => value switch
    {
        string key => new KeyPathPart(key),
        Map m when m.Find("allIndexes")?.Value is true => new KeyPathPart(null, AllIndexes: true),
        Map m when m.Find("index")?.Value is long i and >= 0 and <= int.MaxValue => new KeyPathPart(null, (int)i),
        _ => throw new ImagesException($"{where}: keyMatcher.path: each part must be a key, {{index: N}} or {{allIndexes: true}}"),
    };

    private static ImageOverride ParseOverride(object? value, string where)
    {
        if (value is not Map map)
        {
            throw new ImagesException($"{where}: overrides: each override must be a map");
        }
        string? image = map.Find("image")?.Value as string;
        string? repo = map.Find("imageRepo")?.Value as string;
        string newImage = map.Find("newImage")?.Value as string
            ?? throw new ImagesException($"{where}: overrides: override of '{image ?? repo}' needs newImage");
        if (image is null && repo is null)
        {
            throw new ImagesException($"{where}: overrides: an override needs image or imageRepo");
        }
        return new ImageOverride(image, repo, newImage, map.Find("preresolved")?.Value is true);
    }

    private static IEnumerable<object?> Items(object? value, string what, string where) => value switch
    {
        null => [],
        YamlArray a => a.Items.Select(i => i.Value),
        _ => throw new ImagesException($"{where}: {what}: expected a list"),
    };
}
