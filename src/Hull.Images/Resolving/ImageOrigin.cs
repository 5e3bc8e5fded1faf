using Hull.Yaml;

namespace Hull.Images.Resolving;

/// <summary>How kbld came by a digest reference: one entry of an <c>origins</c> list, as kbld writes it.</summary>
public static class ImageOrigin
{
    /// <summary>A tag resolved against a registry: <c>resolved: {tag, url}</c>.</summary>
    public static Map Resolved(string? tag, string url)
    {
        var body = new Map();
        if (!string.IsNullOrEmpty(tag))
        {
            body.Items.Add(new MapItem("tag", tag));
        }
        body.Items.Add(new MapItem("url", url));
        return new Map([new MapItem("resolved", body)]);
    }

    /// <summary>A reference taken as given from an override or a lock: <c>preresolved: {url}</c>.</summary>
    public static Map Preresolved(string url) => new([new MapItem("preresolved", new Map([new MapItem("url", url)]))]);

    /// <summary>One image chosen from an index by <c>--platform</c>: <c>platformSelected: {index, os, architecture, variant}</c>.</summary>
    public static Map PlatformSelected(string index, PlatformSelector platform)
    {
        var body = new Map([new MapItem("index", index), new MapItem("os", platform.Os), new MapItem("architecture", platform.Architecture)]);
        if (platform.Variant is { Length: > 0 } variant)
        {
            body.Items.Add(new MapItem("variant", variant));
        }
        return new Map([new MapItem("platformSelected", body)]);
    }
}
