using Hull.Bundles.Locks;

namespace Hull.Packaging.Rendering;

/// <summary>A package's bundle as fetched for rendering: its files and its ImagesLock pointing at where the images are now.</summary>
/// <param name="DigestReference">The bundle, by digest, where it was fetched from.</param>
/// <param name="Files">Every regular file of the bundle by path (later layers win).</param>
/// <param name="ImagesLock">The bundle's <c>.imgpkg/images.yml</c>, rewritten to the bundle's repository when the bundle was copied with its images.</param>
public sealed record PackageBundle(string DigestReference, IReadOnlyDictionary<string, byte[]> Files, ImagesLock ImagesLock);
