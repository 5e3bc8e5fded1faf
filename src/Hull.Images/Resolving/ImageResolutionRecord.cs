using Hull.Images.Output;
using Hull.Yaml;

namespace Hull.Images.Resolving;

/// <summary>An image reference found in the input and the digest reference it resolved to.</summary>
/// <param name="Id">The reference as written in the input (kbld's <c>kbld.carvel.dev/id</c>).</param>
/// <param name="Url">The reference written to the output.</param>
/// <param name="Origins">How the digest was obtained (empty for references already by digest).</param>
public sealed record ImageResolutionRecord(string Id, string Url, IReadOnlyList<Map> Origins)
{
    /// <summary>The origins as the YAML list kbld writes (<c>kbld.carvel.dev/origins</c>).</summary>
    public YamlArray OriginsNode() => new(Origins.Select(o => new ArrayItem(o.DeepCopy())));

    /// <summary>This image as one entry of the <c>kbld.k14s.io/images</c> annotation.</summary>
    public Map AnnotationNode() => new([new MapItem("origins", OriginsNode()), new MapItem("url", Url)]);

    /// <summary>A key equal for entries kbld considers duplicates (same url and origins).</summary>
    public string AnnotationKey() => GoJson.Emit(AnnotationNode());
}
