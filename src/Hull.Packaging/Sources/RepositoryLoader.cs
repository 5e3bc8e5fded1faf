using Hull.Oci.Storage;
using Hull.Bundles.Images;
using Hull.Oci.References;
using Hull.Packaging.Repositories;

namespace Hull.Packaging.Sources;

/// <summary>
/// Reads a repository's contents from wherever its source points: the one place repositories are opened, so the
/// one place a verified repository's signature is checked (before any of its files is read).
/// </summary>
public static class RepositoryLoader
{
    /// <summary>
    /// Reads a folder directly, and a layout or registry bundle straight from its layers. For a verified source the
    /// bundle's digest must be signed by a trusted key first, and the contents read are those of that digest.
    /// </summary>
    /// <exception cref="RepositoryException">The repository is unusable, or (verified) its signature does not verify.</exception>
    public static async Task<RepositoryContents> LoadAsync(RepositorySource source, IImageStores stores, CancellationToken cancellationToken)
    {
        if (source.Kind == RepositorySourceKind.Directory)
        {
            if (source.IsVerified)
            {
                throw new RepositoryException(source.Name, ["verification failed: a folder has no signature to verify"]);
            }
            return await RepositoryReader.ReadDirectoryAsync(source.Location, cancellationToken).ConfigureAwait(false);
        }
        var location = ParseLocation(source.Location);
        if (!source.IsVerified)
        {
            return await RepositoryReader.ReadBundleAsync(stores, location, cancellationToken).ConfigureAwait(false);
        }
        var bundle = await FetchedImage.FetchAsync(stores, location, cancellationToken).ConfigureAwait(false);
        var verification = await RepositoryTrust.VerifyAsync(source, bundle, cancellationToken).ConfigureAwait(false);
        var contents = await RepositoryReader.ReadBundleAsync(bundle, cancellationToken).ConfigureAwait(false);
        contents.Verification = verification;
        return contents;
    }

    private static ImageLocation ParseLocation(string location)
    {
        try
        {
            return ImageLocation.Parse(location);
        }
        catch (ReferenceFormatException ex)
        {
            throw new RepositoryException(location, [$"not a folder, an oci: layout or a registry reference: {ex.Message}"]);
        }
    }
}
