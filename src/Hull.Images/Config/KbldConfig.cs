using System.Globalization;
using Hull.Oci.References;
using Hull.Yaml;

namespace Hull.Images.Config;

/// <summary>
/// What kbld's configuration documents say: <c>kbld.k14s.io/v1alpha1</c> Config (and its older kinds ImageKeys,
/// ImageOverrides, Sources, ImageDestinations) and imgpkg's ImagesLock, whose entries become preresolved overrides.
/// </summary>
public sealed class KbldConfig
{
    /// <summary>The apiVersion of kbld's Config.</summary>
    public const string ApiVersion = "kbld.k14s.io/v1alpha1";

    /// <summary>The apiVersion of imgpkg's ImagesLock.</summary>
    public const string ImagesLockApiVersion = "imgpkg.carvel.dev/v1alpha1";

    /// <summary>The ImagesLock annotation holding the reference as written in the configuration.</summary>
    public const string IdAnnotation = "kbld.carvel.dev/id";

    /// <summary>The ImagesLock annotation holding how the digest was obtained.</summary>
    public const string OriginsAnnotation = "kbld.carvel.dev/origins";

    /// <summary>The kbld version whose behaviour Hull follows; checked against <c>minimumRequiredVersion</c>.</summary>
    public const string CompatibleVersion = "0.45.0";

    private static readonly string[] ConfigKinds = ["Config", "Sources", "ImageOverrides", "ImageDestinations", "ImageKeys"];

    private readonly List<SearchRule> _keyRules = new();
    private readonly List<SearchRule> _rules = new();

    /// <summary>Overrides, in document order; the first match wins.</summary>
    public List<ImageOverride> Overrides { get; } = new();

    /// <summary>Configured search rules (<c>keys</c> first, then <c>searchRules</c>), duplicates removed, without the default.</summary>
    public IReadOnlyList<SearchRule> SearchRulesWithoutDefault => Dedup(_keyRules.Concat(_rules));

    /// <summary>The rules kbld searches with: the configured ones, then the default <c>image</c> key rule.</summary>
    public IReadOnlyList<SearchRule> SearchRules => Dedup(_keyRules.Concat(_rules).Append(SearchRule.Default));

    /// <summary>Whether a map is a kbld configuration document or an imgpkg ImagesLock (consumed, not output).</summary>
    public static bool IsConfigDocument(Map root) => Kind(root) is not null;

    private static string? Kind(Map root)
    {
        string? api = root.Find("apiVersion")?.Value as string;
        string? kind = root.Find("kind")?.Value as string;
        if (api == ApiVersion && kind is not null && ConfigKinds.Contains(kind))
        {
            return kind;
        }
        return api == ImagesLockApiVersion && kind == "ImagesLock" ? kind : null;
    }

    /// <summary>Adds what a configuration document says; false for any other document.</summary>
    public bool TryAdd(Map root, string where)
    {
        string? kind = Kind(root);
        if (kind is null)
        {
            return false;
        }
        if (kind == "ImagesLock")
        {
            AddImagesLock(root, where);
            return true;
        }
        where = $"{where} ({kind})";
        // kbld reads these leniently (unknown fields are ignored), so only the fields it knows are looked at.
        if (root.Find("minimumRequiredVersion")?.Value is { } version)
        {
            CheckVersion(version, where);
        }
        foreach (string unsupported in new[] { "sources", "destinations" })
        {
            if (Items(root.Find(unsupported)?.Value, unsupported, where).Any())
            {
                throw new ImagesException($"{where}: '{unsupported}' is not supported: hull resolve does not build or push images (build and push them elsewhere, then reference them by tag or digest)");
            }
        }
        int i = 0;
        foreach (var o in Items(root.Find("overrides")?.Value, "overrides", where))
        {
            Overrides.Add(ParseOverride(o, $"{where}: Validating Overrides[{i++}]"));
        }
        i = 0;
        foreach (var k in Items(root.Find("keys")?.Value, "keys", where))
        {
            if (k is not string { Length: > 0 } key)
            {
                throw new ImagesException($"{where}: Validating Keys[{i}]: Expected to be a non-empty string");
            }
            i++;
            _keyRules.Add(new SearchRule { KeyName = key });
        }
        _rules.AddRange(ParseRules(root.Find("searchRules")?.Value, where));
        return true;
    }

    /// <summary>Adds kbld's <c>--image-map-file</c> mapping: each key preresolved to its value.</summary>
    public void AddImageMap(IEnumerable<KeyValuePair<string, string>> map)
    {
        foreach (var (from, to) in map)
        {
            Overrides.Add(new ImageOverride(from, null, to, Preresolved: true));
        }
    }

    private void AddImagesLock(Map root, string where)
    {
        where = $"{where} (ImagesLock)";
        // imgpkg reads lock files strictly.
        foreach (var item in root.Items)
        {
            if (item.Key is not ("apiVersion" or "kind" or "images"))
            {
                throw new ImagesException($"{where}: Unmarshaling images lock: unknown field \"{item.Key}\"");
            }
        }
        int i = 0;
        foreach (var entry in Items(root.Find("images")?.Value, "images", where))
        {
            string at = $"{where}: images[{i++}]";
            if (entry is not Map image)
            {
                throw new ImagesException($"{at}: expected a map with image and annotations");
            }
            foreach (var item in image.Items)
            {
                if (item.Key is not ("image" or "annotations"))
                {
                    throw new ImagesException($"{at}: Unmarshaling images lock: unknown field \"{item.Key}\"");
                }
            }
            string url = image.Find("image")?.Value as string ?? "";
            if (!ImageReference.TryParse(url, out var reference) || reference.Digest is null)
            {
                throw new ImagesException($"{at}: Expected ref to be in digest form, got '{url}'");
            }
            var annotations = image.Find("annotations")?.Value as Map;
            string id = annotations?.Find(IdAnnotation)?.Value as string ?? "";
            if (id.Length == 0)
            {
                throw new ImagesException($"{at}: Expected annotation {IdAnnotation} (the reference as written in the configuration) to be non-empty");
            }
            var origins = annotations?.Find(OriginsAnnotation)?.Value is string text ? ParseOrigins(text, at) : [];
            Overrides.Add(new ImageOverride(id, null, url, Preresolved: true, origins));
        }
    }

    /// <summary>Parses a <c>kbld.carvel.dev/origins</c> value: a YAML list of origin maps.</summary>
    public static List<Map> ParseOrigins(string text, string where)
    {
        object? value;
        try
        {
            value = YamlParser.Parse(text, OriginsAnnotation, new YamlParseOptions { WithoutComments = true }).Items.FirstOrDefault(d => !d.Injected)?.Value;
        }
        catch (YamlException e)
        {
            throw new ImagesException($"{where}: annotation {OriginsAnnotation} is not YAML: {e.Message}");
        }
        return value switch
        {
            null => [],
            YamlArray a => a.Items.Select(i => i.Value as Map ?? throw new ImagesException($"{where}: annotation {OriginsAnnotation}: each origin must be a map")).ToList(),
            _ => throw new ImagesException($"{where}: annotation {OriginsAnnotation}: expected a list of origins"),
        };
    }

    private static void CheckVersion(object value, string where)
    {
        string text = value as string ?? value.ToString() ?? "";
        if (text.StartsWith('v'))
        {
            throw new ImagesException($"{where}: Validating minimum version: Must not have prefix 'v' (e.g. '0.8.0')");
        }
        if (!TryVersion(text, out var wanted))
        {
            throw new ImagesException($"{where}: Parsing minimum version constraint: '{text}' is not a version (e.g. 0.30.0)");
        }
        TryVersion(CompatibleVersion, out var have);
        if (wanted > have)
        {
            throw new ImagesException($"{where}: kbld version '{CompatibleVersion}' does not meet the minimum required version '{text}' (hull resolve implements kbld {CompatibleVersion})");
        }
    }

    private static bool TryVersion(string text, out Version version)
    {
        var parts = text.Split('-', '+')[0].Split('.');
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
        int index = 0;
        foreach (var r in Items(value, "searchRules", where))
        {
            string at = $"{where}: Validating SearchRules[{index++}]";
            if (r is not Map rule)
            {
                throw new ImagesException($"{at}: each rule must be a map");
            }
            string? keyName = null, valueImage = null, valueRepo = null;
            List<KeyPathPart>? path = null;
            bool hasKey = false, hasValue = false;
            UpdateStrategyKind? strategy = null;
            IReadOnlyList<SearchRule> nested = [];
            if (rule.Find("keyMatcher")?.Value is { } kmValue)
            {
                var km = kmValue as Map ?? throw new ImagesException($"{at}: keyMatcher must be a map");
                hasKey = true;
                keyName = km.Find("name")?.Value as string;
                if (km.Find("path")?.Value is { } p)
                {
                    path = (p as YamlArray ?? throw new ImagesException($"{at}: keyMatcher.path must be a list"))
                        .Items.Select(i => ParsePathPart(i.Value, at)).ToList();
                }
                if (string.IsNullOrEmpty(keyName) && (path is null || path.Count == 0))
                {
                    throw new ImagesException($"{at}: Expected KeyMatcher.Name or KeyMatcher.Path to be non-empty");
                }
            }
            if (rule.Find("valueMatcher")?.Value is { } vmValue)
            {
                var vm = vmValue as Map ?? throw new ImagesException($"{at}: valueMatcher must be a map");
                hasValue = true;
                valueImage = vm.Find("image")?.Value as string;
                valueRepo = vm.Find("imageRepo")?.Value as string;
                if (string.IsNullOrEmpty(valueImage) && string.IsNullOrEmpty(valueRepo))
                {
                    throw new ImagesException($"{at}: Expected ValueMatcher.Image or ValueMatcher.ImageRepo to be non-empty");
                }
            }
            if (!hasKey && !hasValue)
            {
                throw new ImagesException($"{at}: Expected KeyMatcher or ValueMatcher to be non-empty");
            }
            if (rule.Find("updateStrategy")?.Value is { } usValue)
            {
                (strategy, nested) = ParseStrategy(usValue as Map ?? throw new ImagesException($"{at}: updateStrategy must be a map"), at);
            }
            rules.Add(new SearchRule { KeyName = keyName, KeyPath = path, ValueImage = valueImage, ValueImageRepo = valueRepo, Strategy = strategy, NestedRules = nested });
        }
        return rules;
    }

    private static (UpdateStrategyKind?, IReadOnlyList<SearchRule>) ParseStrategy(Map map, string where)
    {
        // kbld picks the first strategy set, in this order.
        foreach (var (name, kind) in new[] { ("none", UpdateStrategyKind.None), ("entireValue", UpdateStrategyKind.EntireValue), ("json", UpdateStrategyKind.Json), ("yaml", UpdateStrategyKind.Yaml) })
        {
            if (map.Find(name) is { } item)
            {
                var nested = kind is UpdateStrategyKind.Json or UpdateStrategyKind.Yaml && item.Value is Map body
                    ? ParseRules(body.Find("searchRules")?.Value, where + $".updateStrategy.{name}")
                    : [];
                return (kind, nested);
            }
        }
        if (map.Items.Count > 0)
        {
            throw new ImagesException($"{where}: updateStrategy: unknown strategy '{map.Items[0].Key}' (known: none, entireValue, json, yaml)");
        }
        return (null, []);
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
            throw new ImagesException($"{where}: each override must be a map");
        }
        string? image = map.Find("image")?.Value as string;
        string? repo = map.Find("imageRepo")?.Value as string;
        if (string.IsNullOrEmpty(image) && string.IsNullOrEmpty(repo))
        {
            throw new ImagesException($"{where}: Expected Image or ImageRepo to be non-empty");
        }
        if (map.Find("newImage")?.Value is not string { Length: > 0 } newImage)
        {
            throw new ImagesException($"{where}: Expected NewImage to be non-empty");
        }
        if (map.Find("tagSelection")?.Value is not null)
        {
            throw new ImagesException($"{where}: tagSelection is not supported by hull resolve (pin a tag or a digest in newImage)");
        }
        var origins = map.Find("origins")?.Value is YamlArray list ? list.Items.Select(i => i.Value).OfType<Map>().ToList() : null;
        return new ImageOverride(image, repo, newImage, map.Find("preresolved")?.Value is true, origins);
    }

    private static IEnumerable<object?> Items(object? value, string what, string where) => value switch
    {
        null => [],
        YamlArray a => a.Items.Select(i => i.Value),
        _ => throw new ImagesException($"{where}: {what}: expected a list"),
    };

    // kbld drops rules that are deeply equal to an earlier one.
    private static List<SearchRule> Dedup(IEnumerable<SearchRule> rules)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return rules.Where(r => seen.Add(Hull.Images.Output.GoJson.Emit(r.ToNode()))).ToList();
    }
}
