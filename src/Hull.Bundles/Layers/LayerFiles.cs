using System.Formats.Tar;
using Hull.Bundles.Images;
using Hull.Oci.Layers;

namespace Hull.Bundles.Layers;

/// <summary>
/// Reads chosen files of an image straight from its layers, without extracting it: names lose their leading
/// <c>./</c>, a later layer's file wins, whiteouts (<c>.wh.NAME</c>, <c>.wh..wh..opq</c>) remove what earlier entries
/// put there, refusing those that do not name one plain sibling as <see cref="LayerExtractor"/> does, and what is
/// read into memory is bounded by an <see cref="InMemoryBudget"/>.
/// </summary>
public static class LayerFiles
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";

    /// <summary>The regular files whose normalised paths <paramref name="wanted"/> accepts, by path; every layer is read whole and verified.</summary>
    public static async Task<IReadOnlyDictionary<string, byte[]>> ReadAsync(FetchedImage image, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var budget = new InMemoryBudget($"Reading '{image.DigestReference}'");
        foreach (var layer in image.Layers)
        {
            await ReadLayerAsync(image, layer, wanted, files, budget, stopAt: null, cancellationToken).ConfigureAwait(false);
        }
        return files;
    }

    /// <summary>
    /// One file (a later layer wins); null when absent. A layer is read only up to the file, as imgpkg reads its
    /// metadata, so a large bundle layer is not fetched whole to find <c>.imgpkg/images.yml</c> near its start.
    /// </summary>
    public static async Task<byte[]?> ReadFileAsync(FetchedImage image, string path, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var budget = new InMemoryBudget($"Reading {path} of '{image.DigestReference}'");
        foreach (var layer in image.Layers)
        {
            await ReadLayerAsync(image, layer, p => p == path, files, budget, stopAt: path, cancellationToken).ConfigureAwait(false);
        }
        return files.GetValueOrDefault(path);
    }

    /// <summary>A tar entry name as the readers compare it: forward slashes, no leading <c>./</c>.</summary>
    public static string Normalise(string entryName)
    {
        string name = entryName.Replace('\\', '/');
        while (name.StartsWith("./", StringComparison.Ordinal))
        {
            name = name[2..];
        }
        return name;
    }

    private static async Task ReadLayerAsync(FetchedImage image, ImageLayer layer, Func<string, bool> wanted, Dictionary<string, byte[]> files,
        InMemoryBudget budget, string? stopAt, CancellationToken cancellationToken)
    {
        var opened = await layer.OpenUncompressedAsync(cancellationToken).ConfigureAwait(false);
        await using (opened.ConfigureAwait(false))
        {
            try
            {
                using var tar = new TarReader(opened.Tar, leaveOpen: true);
                while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    {
                        continue;
                    }
                    string name = Normalise(entry.Name);
                    string leaf = name[(name.LastIndexOf('/') + 1)..];
                    if (leaf.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
                    {
                        ApplyWhiteout(files, name, leaf, entry.Name);
                        continue;
                    }
                    // An empty file has no data stream: the readers have always passed over those.
                    if (entry.DataStream is null || !wanted(name))
                    {
                        continue;
                    }
                    files[name] = await budget.ReadAsync(entry, cancellationToken).ConfigureAwait(false);
                    if (name == stopAt)
                    {
                        return;
                    }
                }
                await opened.DrainAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
            {
                var mismatch = await CorruptLayer.DigestProblemAsync(opened.Blob, cancellationToken).ConfigureAwait(false);
                throw new BundleException($"Reading layer {layer.Descriptor.Digest} of '{image.DigestReference}': {(mismatch ?? ex).Message}", mismatch ?? ex);
            }
        }
    }

    // Removes what a whiteout names from the files read so far: the opaque whiteout empties its folder, .wh.NAME
    // removes the sibling NAME and, if it was a folder, everything under it.
    private static void ApplyWhiteout(Dictionary<string, byte[]> files, string name, string leaf, string entryName)
    {
        string folder = name.Length > leaf.Length ? name[..(name.Length - leaf.Length)] : "";
        if (leaf == OpaqueWhiteout)
        {
            RemoveWhere(files, p => p.StartsWith(folder, StringComparison.Ordinal));
            return;
        }
        string target = leaf[WhiteoutPrefix.Length..];
        if (target is "" or "." or ".." || target.StartsWith(WhiteoutPrefix, StringComparison.Ordinal) || target.Contains('\\', StringComparison.Ordinal)
            || name.StartsWith('/') || name.Split('/').Contains(".."))
        {
            throw new BundleException($"Refusing tar entry '{entryName}': a whiteout of '{target}' does not name a file inside the output folder");
        }
        string path = folder + target;
        RemoveWhere(files, p => p == path || p.StartsWith(path + "/", StringComparison.Ordinal));
    }

    private static void RemoveWhere(Dictionary<string, byte[]> files, Func<string, bool> match)
    {
        foreach (string path in files.Keys.Where(match).ToList())
        {
            files.Remove(path);
        }
    }
}
