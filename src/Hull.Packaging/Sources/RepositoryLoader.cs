using Hull.Oci.Storage;
using Hull.Bundles.Images;
using Hull.Oci.References;
using Hull.Packaging.Repositories;

namespace Hull.Packaging.Sources;

/// <summary>Reads a repository's contents from wherever its source points.</summary>
public static class RepositoryLoader
{
    /// <summary>Reads a folder directly, and a layout or registry bundle straight from its layers.</summary>
    public static Task<RepositoryContents> LoadAsync(RepositorySource source, IImageStores stores, CancellationToken cancellationToken) =>
        source.Kind == RepositorySourceKind.Directory
            ? RepositoryReader.ReadDirectoryAsync(source.Location, cancellationToken)
            : RepositoryReader.ReadBundleAsync(stores, ParseLocation(source.Location), cancellationToken);

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
