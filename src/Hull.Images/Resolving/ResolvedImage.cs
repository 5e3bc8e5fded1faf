using Hull.Yaml;

namespace Hull.Images.Resolving;

/// <summary>An image reference found in the input and the digest reference it resolved to.</summary>
/// <param name="Id">The reference as written in the input (kbld's <c>kbld.carvel.dev/id</c>).</param>
/// <param name="Url">The digest reference written to the output.</param>
/// <param name="Origins">How the digest was obtained (empty for references already by digest).</param>
public sealed record ResolvedImage(string Id, string Url, IReadOnlyList<ImageOrigin> Origins)
{
    /// <summary>The origins as the YAML list kbld writes (<c>kbld.carvel.dev/origins</c>).</summary>
    public YamlArray OriginsNode() => new(Origins.Select(o => new ArrayItem(o.ToNode())));

    /// <summary>This image as one entry of the <c>kbld.k14s.io/images</c> annotation: origins (if any), then url.</summary>
    public Map AnnotationNode()
    {
        var map = new Map();
        if (Origins.Count > 0)
        {
            map.Items.Add(new MapItem("origins", OriginsNode()));
        }
        map.Items.Add(new MapItem("url", Url));
        return map;
    }
}
