using Hull.Images.Resolving;

namespace Hull.Images;

/// <summary>Options of a resolution (kbld's flags).</summary>
public sealed record ResolveOptions
{
    /// <summary>Add the <c>kbld.k14s.io/images</c> annotation to resources with resolved images (<c>--images-annotation</c>).</summary>
    public bool ImagesAnnotation { get; init; } = true;

    /// <summary>How many references are resolved at once.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Find references but do not resolve or change them (<c>--unresolved-inspect</c>).</summary>
    public bool Unresolved { get; init; }

    /// <summary>kbld's <c>--image-map-file</c>: references mapped to what they are preresolved to.</summary>
    public IReadOnlyDictionary<string, string>? ImageMap { get; init; }
}
