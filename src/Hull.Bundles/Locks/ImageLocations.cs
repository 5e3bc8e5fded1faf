namespace Hull.Bundles.Locks;

/// <summary>
/// The content of the <c>sha256-HEX.image-locations.imgpkg</c> image imgpkg writes next to a copied bundle:
/// every image the bundle (and its nested bundles) references, by its original reference, and whether it is a bundle.
/// </summary>
public sealed record ImageLocations(IReadOnlyList<ImageLocationEntry> Images)
{
    /// <summary>The file name inside the locations image.</summary>
    public const string FileName = "image-locations.yml";
}

/// <summary>One image of an <see cref="ImageLocations"/> file.</summary>
/// <param name="Image">The image's reference in the original ImagesLock.</param>
/// <param name="IsBundle">Whether the image is itself a bundle.</param>
public sealed record ImageLocationEntry(string Image, bool IsBundle);
