namespace Hull.Templating.Overlays;

/// <summary>What an overlay node does to the nodes it matches.</summary>
public enum OverlayOp
{
    /// <summary>`overlay/merge`.</summary>
    Merge,
    /// <summary>`overlay/remove`.</summary>
    Remove,
    /// <summary>`overlay/replace`.</summary>
    Replace,
    /// <summary>`overlay/insert`.</summary>
    Insert,
    /// <summary>`overlay/append`.</summary>
    Append,
    /// <summary>`overlay/assert`.</summary>
    Assert,
}
