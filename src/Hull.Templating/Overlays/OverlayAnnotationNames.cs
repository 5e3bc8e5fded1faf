namespace Hull.Templating.Overlays;

/// <summary>The `#@overlay/*` annotation names.</summary>
public static class OverlayAnnotationNames
{
    /// <summary>Which left nodes a right node applies to.</summary>
    public const string Match = "overlay/match";
    /// <summary>Defaults for `overlay/match` of descendant nodes.</summary>
    public const string MatchChildDefaults = "overlay/match-child-defaults";
    /// <summary>Merge (default for map items, documents and matched array items).</summary>
    public const string Merge = "overlay/merge";
    /// <summary>Remove matched nodes.</summary>
    public const string Remove = "overlay/remove";
    /// <summary>Replace matched nodes' values.</summary>
    public const string Replace = "overlay/replace";
    /// <summary>Insert before or after matched array items or documents.</summary>
    public const string Insert = "overlay/insert";
    /// <summary>Append array items or documents (default for array items without `overlay/match`).</summary>
    public const string Append = "overlay/append";
    /// <summary>Check matched nodes.</summary>
    public const string Assert = "overlay/assert";
}
