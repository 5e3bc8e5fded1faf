using Hull.Yaml;

namespace Hull.Images.Resolving;

/// <summary>How kbld came by a digest reference, as recorded in its annotations.</summary>
public abstract record ImageOrigin
{
    private protected ImageOrigin() { }

    /// <summary>The origin as kbld writes it (one entry of an <c>origins</c> list).</summary>
    public abstract Map ToNode();
}

/// <summary>A tag resolved against a registry: <c>resolved: {tag, url}</c>.</summary>
/// <param name="Tag">The tag that was resolved.</param>
/// <param name="Url">The reference as written.</param>
public sealed record ResolvedOrigin(string Tag, string Url) : ImageOrigin
{
    /// <inheritdoc/>
    public override Map ToNode() => new([new MapItem("resolved", new Map([new MapItem("tag", Tag), new MapItem("url", Url)]))]);
}

/// <summary>A reference taken as given from an override or lock: <c>preresolved: {url}</c>.</summary>
/// <param name="Url">The reference used.</param>
public sealed record PreresolvedOrigin(string Url) : ImageOrigin
{
    /// <inheritdoc/>
    public override Map ToNode() => new([new MapItem("preresolved", new Map([new MapItem("url", Url)]))]);
}

/// <summary>An origin carried over from an existing <c>kbld.k14s.io/images</c> annotation, kept as written.</summary>
/// <param name="Node">The origin's YAML.</param>
public sealed record KeptOrigin(Map Node) : ImageOrigin
{
    /// <inheritdoc/>
    public override Map ToNode() => (Map)Node.DeepCopy();
}
