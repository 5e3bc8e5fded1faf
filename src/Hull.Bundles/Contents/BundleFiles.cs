using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Locks;

namespace Hull.Bundles.Contents;

/// <summary>Reads the <c>.imgpkg</c> files of a pushed bundle straight from its layers, without extracting it.</summary>
public static class BundleFiles
{
    /// <summary>The bundle's metadata directory.</summary>
    public const string ImgpkgDir = ".imgpkg";

    /// <summary>The ImagesLock path inside a bundle.</summary>
    public const string ImagesLockPath = ".imgpkg/images.yml";

    /// <summary>The metadata path inside a bundle.</summary>
    public const string BundleYamlPath = ".imgpkg/bundle.yml";

    /// <summary>Where nested bundles go in a recursive pull.</summary>
    public const string BundlesDir = ".imgpkg/bundles";

    /// <summary>Reads a file from the image's layers (a later layer wins); null when absent.</summary>
    public static Task<byte[]?> ReadFileAsync(FetchedImage image, string path, CancellationToken cancellationToken) =>
        LayerFiles.ReadFileAsync(image, path, cancellationToken);

    /// <summary>Reads and validates the bundle's ImagesLock.</summary>
    public static async Task<ImagesLock> ReadImagesLockAsync(FetchedImage bundle, CancellationToken cancellationToken)
    {
        byte[] bytes = await ReadFileAsync(bundle, ImagesLockPath, cancellationToken).ConfigureAwait(false)
            ?? throw new BundleException($"Bundle '{bundle.DigestReference}' has no {ImagesLockPath}");
        return LockYaml.ParseImagesLock(bytes, $"{ImagesLockPath} of bundle '{bundle.DigestReference}'");
    }
}
