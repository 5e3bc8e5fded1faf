namespace Hull.Images.Config;

/// <summary>A kbld override: a reference (or repository) replaced by another, optionally already resolved.</summary>
/// <param name="Image">The reference to replace, exactly as written (null when <paramref name="ImageRepo"/> is used).</param>
/// <param name="ImageRepo">The repository to replace, whatever its tag.</param>
/// <param name="NewImage">The replacement.</param>
/// <param name="Preresolved">True when <paramref name="NewImage"/> is used as is, without asking a registry.</param>
public sealed record ImageOverride(string? Image, string? ImageRepo, string NewImage, bool Preresolved)
{
    /// <summary>Whether this override applies to <paramref name="image"/>.</summary>
    public bool Matches(string image) =>
        Image is not null ? Image == image : ImageRepo is not null && ImageRepository.Of(image) == ImageRepo;
}
