namespace Hull.Images;

/// <summary>One image reference found by kbld's <c>inspect</c>: where it is and what its resource records about it.</summary>
/// <param name="Image">The reference as written.</param>
/// <param name="Metadata">The origins recorded for it in the resource's <c>kbld.k14s.io/images</c> annotation (YAML), or empty.</param>
/// <param name="Resource">kbld's description of the resource.</param>
public sealed record InspectedImage(string Image, string Metadata, string Resource);
