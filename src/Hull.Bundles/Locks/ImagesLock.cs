namespace Hull.Bundles.Locks;

/// <summary>A bundle's <c>.imgpkg/images.yml</c>: the images its configuration uses, each by digest.</summary>
public sealed record ImagesLock
{
    /// <summary>The images, in file order.</summary>
    public IReadOnlyList<ImagesLockEntry> Images { get; init; } = [];

    /// <summary>Checks every image is a digest reference, as imgpkg requires.</summary>
    public void Validate()
    {
        foreach (var image in Images)
        {
            LockApi.CheckDigestReference(image.Image);
        }
    }
}

/// <summary>One image of an ImagesLock.</summary>
/// <param name="Image">The digest reference.</param>
/// <param name="Annotations">kbld's annotations (kbld.carvel.dev/id and friends), kept as given.</param>
public sealed record ImagesLockEntry(string Image, IReadOnlyDictionary<string, string>? Annotations = null);
