using System.Text;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;

namespace Hull.Packaging.Repositories;

/// <summary>Chosen files of a bundle as repository files, read by <see cref="LayerFiles"/>; failures name the bundle.</summary>
internal static class BundleLayerFiles
{
    public static async Task<IReadOnlyList<RepositoryFile>> ReadAsync(FetchedImage image, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, byte[]> files;
        try
        {
            files = await LayerFiles.ReadAsync(image, wanted, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Hull.Oci.OciException or Hull.Bundles.BundleException)
        {
            throw new RepositoryException(image.DigestReference, [ex.Message]);
        }
        return files.Select(f => new RepositoryFile(f.Key, Decode(f.Value))).ToList();
    }

    // As StreamReader does: UTF-8, a byte order mark dropped.
    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
