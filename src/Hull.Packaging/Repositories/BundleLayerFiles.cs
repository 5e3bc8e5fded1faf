using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;

namespace Hull.Packaging.Repositories;

/// <summary>Reads chosen files of a bundle straight from its layers (later layers win), without extracting it to disk.</summary>
internal static class BundleLayerFiles
{
    public static async Task<IReadOnlyList<RepositoryFile>> ReadAsync(FetchedImage image, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, RepositoryFile>(StringComparer.Ordinal);
        var budget = new InMemoryBudget($"reading '{image.DigestReference}'");
        foreach (var layer in image.Manifest.AsImage().Layers)
        {
            try
            {
                await using var blob = await image.Store.OpenBlobAsync(layer, cancellationToken).ConfigureAwait(false);
                Stream tarStream = layer.MediaType.EndsWith(".tar", StringComparison.Ordinal) ? blob : new GZipStream(blob, CompressionMode.Decompress, leaveOpen: true);
                await using (tarStream.ConfigureAwait(false))
                {
                    using var tar = new TarReader(tarStream);
                    while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                    {
                        string name = entry.Name.Replace('\\', '/');
                        while (name.StartsWith("./", StringComparison.Ordinal))
                        {
                            name = name[2..];
                        }
                        if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is not null && wanted(name))
                        {
                            using var reader = new StreamReader(new MemoryStream(await budget.ReadAsync(entry, cancellationToken).ConfigureAwait(false)), Encoding.UTF8);
                            files[name] = new RepositoryFile(name, await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
                        }
                    }
                    await tarStream.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                }
                // Drain so the store's verifying stream sees the whole blob and checks its digest.
                await blob.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or Hull.Oci.OciException or Hull.Bundles.BundleException)
            {
                throw new RepositoryException(image.DigestReference, [$"reading layer {layer.Digest}: {ex.Message}"]);
            }
        }
        return files.Values.ToList();
    }
}
