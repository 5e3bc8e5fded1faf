using Hull.Images.Config;
using Hull.Images.Resolving;
using Hull.Yaml;

namespace Hull.Images.Output;

/// <summary>kbld's <c>--lock-output</c>: a Config whose overrides pin every reference to its digest, preresolved.</summary>
public static class KbldLockOutput
{
    /// <summary>The Config's YAML.</summary>
    public static string Emit(IEnumerable<ResolvedImage> images)
    {
        var overrides = new YamlArray();
        foreach (var image in images)
        {
            overrides.Items.Add(new ArrayItem(new Map([
                new MapItem("image", image.Id),
                new MapItem("newImage", image.Url),
                new MapItem("preresolved", true),
            ])));
        }
        var root = new Map([
            new MapItem("apiVersion", KbldConfig.ApiVersion),
            new MapItem("kind", "Config"),
            new MapItem("minimumRequiredVersion", KbldConfig.CompatibleVersion),
            new MapItem("overrides", overrides),
        ]);
        return YamlEmitter.Emit(root);
    }

    /// <summary>The annotations kbld puts on an ImagesLock entry: the reference as written and its origins.</summary>
    public static IReadOnlyDictionary<string, string> ImagesLockAnnotations(ResolvedImage image)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { ["kbld.carvel.dev/id"] = image.Id };
        if (image.Origins.Count > 0)
        {
            annotations["kbld.carvel.dev/origins"] = YamlEmitter.Emit(image.OriginsNode());
        }
        return annotations;
    }
}
