using Hull.Yaml;

namespace Hull.Images.Config;

/// <summary>A kbld override: a reference (or repository) replaced by another, optionally already resolved.</summary>
/// <param name="Image">The reference to replace, exactly as written (null when <paramref name="ImageRepo"/> is used).</param>
/// <param name="ImageRepo">The repository to replace, whatever its tag or digest.</param>
/// <param name="NewImage">The replacement.</param>
/// <param name="Preresolved">True when <paramref name="NewImage"/> is used as is, without asking a registry.</param>
/// <param name="Origins">Origins carried by the override (from an ImagesLock's <c>kbld.carvel.dev/origins</c>).</param>
public sealed record ImageOverride(string? Image, string? ImageRepo, string NewImage, bool Preresolved, IReadOnlyList<Map>? Origins = null)
{
    /// <summary>Whether this override applies to <paramref name="image"/>.</summary>
    public bool Matches(string image) => !string.IsNullOrEmpty(Image)
        ? Image == image
        : ImageRepo is { Length: > 0 } && ImageRepository.Of(image) == ImageRepo;
}
