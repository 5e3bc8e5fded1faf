using Hull.Images.Config;
using Hull.Images.Resolving;
using Hull.Yaml;

namespace Hull.Images.Output;

/// <summary>kbld's lock files: <c>--lock-output</c> (a kbld Config) and <c>--imgpkg-lock-output</c> (an imgpkg ImagesLock).</summary>
public static class KbldLockOutput
{
    /// <summary>
    /// The Config kbld writes for <c>--lock-output</c>: every reference (as written) pinned to its result as a
    /// preresolved override, and the configured search rules so that the lock finds the same references.
    /// </summary>
    public static string Config(ResolveResult result)
    {
        var root = new Map([
            new MapItem("apiVersion", KbldConfig.ApiVersion),
            new MapItem("kind", "Config"),
            new MapItem("minimumRequiredVersion", KbldConfig.CompatibleVersion),
        ]);
        if (result.Images.Count > 0)
        {
            root.Items.Add(new MapItem("overrides", new YamlArray(result.Images.Select(image => new ArrayItem(new Map([
                new MapItem("image", image.Id),
                new MapItem("newImage", image.Url),
                new MapItem("preresolved", true),
            ]))))));
        }
        var rules = result.Config.SearchRulesWithoutDefault;
        if (rules.Count > 0)
        {
            root.Items.Add(new MapItem("searchRules", new YamlArray(rules.Select(r => new ArrayItem(r.ToNode())))));
        }
        return GoYaml.Emit(root);
    }

    /// <summary>
    /// The ImagesLock kbld writes for <c>--imgpkg-lock-output</c>: one entry per reference found (sorted by the
    /// reference as written) with its id and, when <paramref name="withOrigins"/>, its origins.
    /// </summary>
    public static string ImagesLock(ResolveResult result, bool withOrigins = true)
    {
        var root = new Map([new MapItem("apiVersion", KbldConfig.ImagesLockApiVersion), new MapItem("kind", "ImagesLock")]);
        if (result.Images.Count > 0)
        {
            root.Items.Add(new MapItem("images", new YamlArray(result.Images.Select(image =>
            {
                var annotations = new Map(ImagesLockAnnotations(image, withOrigins).Select(a => new MapItem(a.Key, a.Value)));
                return new ArrayItem(new Map([new MapItem("annotations", annotations), new MapItem("image", image.Url)]));
            }))));
        }
        return "---\n" + GoYaml.Emit(root);
    }

    /// <summary>The annotations kbld puts on an ImagesLock entry: the reference as written and its origins.</summary>
    public static IReadOnlyDictionary<string, string> ImagesLockAnnotations(ImageResolutionRecord image, bool withOrigins = true)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [KbldConfig.IdAnnotation] = image.Id };
        if (withOrigins && image.Origins.Count > 0)
        {
            annotations[KbldConfig.OriginsAnnotation] = GoYaml.Emit(image.OriginsNode());
        }
        return annotations;
    }
}
