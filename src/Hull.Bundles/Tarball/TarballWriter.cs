using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hull.Bundles.Layers;
using Hull.Bundles.Progress;
using Hull.Oci.Manifests;
using Hull.Oci.Storage;

namespace Hull.Bundles.Tarball;

/// <summary>
/// Writes imgpkg's tarball format. Every layer's size is known up front, so the whole archive is laid out first
/// (manifest.json, then one <c>sha256-HEX.tar.gz</c> entry per distinct layer in digest order, then the end marker)
/// and the layer regions are filled concurrently. The archive is built as <c>PATH.partial</c> and renamed into
/// place when complete; with <c>resume</c> an existing partial (or finished) archive of the same content keeps
/// every region that already verifies, so only missing layers are transferred again.
/// </summary>
public static class TarballWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new(TarballJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>What a tarball write did.</summary>
    /// <param name="Items">The manifest.json entries written.</param>
    /// <param name="LayersWritten">Layers transferred.</param>
    /// <param name="LayersReused">Layers kept from a previous partial archive.</param>
    public sealed record Result(IReadOnlyList<TarballItem> Items, int LayersWritten, int LayersReused);

    /// <summary>Exports <paramref name="exports"/> to the tarball at <paramref name="path"/>.</summary>
    public static async Task<Result> WriteAsync(
        string path,
        IReadOnlyList<TarballExport> exports,
        int concurrency,
        bool resume,
        bool includeNonDistributable,
        ITransferProgress progress,
        CancellationToken cancellationToken)
    {
        var layers = new Dictionary<string, (IImageSource Source, Descriptor Blob)>(StringComparer.Ordinal);
        var items = new List<TarballItem>();
        var describe = new SemaphoreSlim(Math.Max(1, concurrency));
        var tasks = exports.Select(async export =>
        {
            await describe.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await DescribeAsync(export, layers, includeNonDistributable, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                describe.Release();
            }
        });
        items.AddRange(await Task.WhenAll(tasks).ConfigureAwait(false));
        items.Sort((a, b) => string.CompareOrdinal(a.SortKey, b.SortKey));

        byte[] manifestJson = JsonSerializer.SerializeToUtf8Bytes(items, JsonOptions.GetTypeInfo(typeof(List<TarballItem>)));
        var ordered = layers.OrderBy(l => l.Key, StringComparer.Ordinal).ToList();

        // Lay the archive out: headers and manifest are small and written now; layer data regions are filled later.
        var header = new MemoryStream();
        var tar = new UstarWriter(header);
        tar.WriteFileHeader(TarballEntryName.Manifest, 0x1A4, manifestJson.Length);
        header.Write(manifestJson);
        header.Write(new byte[UstarWriter.Padded(manifestJson.Length) - manifestJson.Length]);
        var regions = new List<(string Digest, IImageSource Source, Descriptor Blob, long Offset, byte[] Header)>();
        long offset = header.Length;
        foreach (var (digest, (source, blob)) in ordered)
        {
            var h = new MemoryStream();
            new UstarWriter(h).WriteFileHeader(TarballEntryName.ForBlob(digest), 0x1A4, blob.Size);
            regions.Add((digest, source, blob, offset + h.Length, h.ToArray()));
            offset += h.Length + UstarWriter.Padded(blob.Size);
        }
        long total = offset + 1024;

        string partial = path + ".partial";
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        if (resume && !File.Exists(partial) && File.Exists(path))
        {
            File.Move(path, partial);
        }
        var reusable = resume && File.Exists(partial) ? await ReusableRegionsAsync(partial, header.ToArray(), total, regions, cancellationToken).ConfigureAwait(false) : [];
        if (reusable.Count == 0 && File.Exists(partial))
        {
            File.Delete(partial);
        }

        bool success = false;
        try
        {
            using (var handle = File.OpenHandle(partial, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, FileOptions.Asynchronous))
            {
                RandomAccess.SetLength(handle, total);
                await RandomAccess.WriteAsync(handle, header.ToArray(), 0, cancellationToken).ConfigureAwait(false);
                foreach (var region in regions)
                {
                    await RandomAccess.WriteAsync(handle, region.Header, region.Offset - region.Header.Length, cancellationToken).ConfigureAwait(false);
                    long pad = UstarWriter.Padded(region.Blob.Size) - region.Blob.Size;
                    if (pad > 0)
                    {
                        await RandomAccess.WriteAsync(handle, new byte[pad], region.Offset + region.Blob.Size, cancellationToken).ConfigureAwait(false);
                    }
                }
                await RandomAccess.WriteAsync(handle, new byte[1024], total - 1024, cancellationToken).ConfigureAwait(false);

                var todo = regions.Where(r => !reusable.Contains(r.Digest)).OrderByDescending(r => r.Blob.Size).ToList();
                progress.Begin("writing layers", todo.Sum(r => r.Blob.Size), todo.Count);
                var throttle = new SemaphoreSlim(Math.Max(1, concurrency));
                await Task.WhenAll(todo.Select(async region =>
                {
                    await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        await FillAsync(handle, region.Source, region.Blob, region.Offset, progress, cancellationToken).ConfigureAwait(false);
                        progress.ItemDone(TarballEntryName.ForBlob(region.Digest), skipped: false);
                    }
                    finally
                    {
                        throttle.Release();
                    }
                })).ConfigureAwait(false);
                progress.End();
            }
            File.Move(partial, path, overwrite: true);
            success = true;
            return new Result(items, regions.Count - reusable.Count, reusable.Count);
        }
        finally
        {
            if (!success && !resume)
            {
                TryDelete(partial);
            }
        }
    }

    private static async Task FillAsync(Microsoft.Win32.SafeHandles.SafeFileHandle handle, IImageSource source, Descriptor blob, long offset, ITransferProgress progress, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            await using var stream = await source.OpenBlobAsync(blob, cancellationToken).ConfigureAwait(false);
            long position = offset;
            while (true)
            {
                int n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }
                if (position + n > offset + blob.Size)
                {
                    throw new BundleException($"blob {blob.Digest} from {source.Location} is larger than its descriptor says ({blob.Size} bytes)");
                }
                await RandomAccess.WriteAsync(handle, buffer.AsMemory(0, n), position, cancellationToken).ConfigureAwait(false);
                position += n;
                progress.Advance(n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<HashSet<string>> ReusableRegionsAsync(
        string partial, byte[] header, long total,
        List<(string Digest, IImageSource Source, Descriptor Blob, long Offset, byte[] Header)> regions,
        CancellationToken cancellationToken)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        using var handle = File.OpenHandle(partial, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        // Only an archive laid out identically can be resumed: same manifest.json, same length.
        if (RandomAccess.GetLength(handle) != total)
        {
            return keep;
        }
        var existing = new byte[header.Length];
        await RandomAccess.ReadAsync(handle, existing, 0, cancellationToken).ConfigureAwait(false);
        if (!existing.AsSpan().SequenceEqual(header))
        {
            return keep;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            foreach (var region in regions)
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                long left = region.Blob.Size;
                long position = region.Offset;
                while (left > 0)
                {
                    int n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), position, cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }
                    hash.AppendData(buffer, 0, n);
                    left -= n;
                    position += n;
                }
                if (left == 0 && "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()) == region.Digest)
                {
                    keep.Add(region.Digest);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return keep;
    }

    private static async Task<TarballItem> DescribeAsync(TarballExport export, Dictionary<string, (IImageSource, Descriptor)> layers, bool includeNonDistributable, CancellationToken cancellationToken)
    {
        var manifest = export.Loaded ?? await export.Source.GetManifestAsync(export.Manifest.Digest.ToString(), cancellationToken).ConfigureAwait(false);
        if (manifest.IsIndex)
        {
            return new TarballItem { ImageIndex = await DescribeIndexAsync(export, manifest, export.Reference, layers, includeNonDistributable, cancellationToken).ConfigureAwait(false) };
        }
        return new TarballItem { Image = await DescribeImageAsync(export, manifest, export.Reference, layers, includeNonDistributable, cancellationToken).ConfigureAwait(false) };
    }

    private static async Task<TarballIndex> DescribeIndexAsync(TarballExport export, Manifest manifest, string reference, Dictionary<string, (IImageSource, Descriptor)> layers, bool includeNonDistributable, CancellationToken cancellationToken)
    {
        var index = new TarballIndex
        {
            Refs = [reference],
            MediaType = manifest.MediaType,
            Digest = manifest.Digest.ToString(),
            Raw = Encoding.UTF8.GetString(manifest.Bytes.Span),
            Tag = export.Tag,
            OrigRef = export.OrigRef,
            Labels = export.Labels?.ToDictionary(),
        };
        string repo = reference.Split('@')[0];
        foreach (var child in manifest.AsIndex().Manifests)
        {
            var childManifest = await export.Source.GetManifestAsync(child.Digest.ToString(), cancellationToken).ConfigureAwait(false);
            string childRef = repo + "@" + child.Digest;
            if (childManifest.IsIndex)
            {
                (index.Indexes ??= []).Add(await DescribeIndexAsync(export, childManifest, childRef, layers, includeNonDistributable, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                (index.Images ??= []).Add(await DescribeImageAsync(export, childManifest, childRef, layers, includeNonDistributable, cancellationToken).ConfigureAwait(false));
            }
        }
        return index;
    }

    private static async Task<TarballImage> DescribeImageAsync(TarballExport export, Manifest manifest, string reference, Dictionary<string, (IImageSource, Descriptor)> layers, bool includeNonDistributable, CancellationToken cancellationToken)
    {
        var image = manifest.AsImage();
        byte[] config;
        await using (var stream = await export.Source.OpenBlobAsync(image.Config, cancellationToken).ConfigureAwait(false))
        {
            var ms = new MemoryStream();
            await stream.CopyToAsync(ms, cancellationToken).ConfigureAwait(false);
            config = ms.ToArray();
        }
        IReadOnlyList<string> diffIds = [];
        try
        {
            diffIds = OciJson.ParseConfig(config, "config").RootFs.DiffIds;
        }
        catch (Hull.Oci.OciException)
        {
            // Artifacts may carry configs that are not image configs; they simply have no diff ids.
        }
        var result = new TarballImage
        {
            Refs = [reference],
            Config = new TarballConfig { Digest = image.Config.Digest.ToString(), Raw = Encoding.UTF8.GetString(config) },
            Manifest = new TarballManifest { MediaType = manifest.MediaType, Digest = manifest.Digest.ToString(), Raw = Encoding.UTF8.GetString(manifest.Bytes.Span) },
            Tag = export.Tag,
            OrigRef = export.OrigRef,
            Labels = export.Labels?.ToDictionary(),
            Layers = [],
        };
        for (int i = 0; i < image.Layers.Count; i++)
        {
            var layer = image.Layers[i];
            result.Layers.Add(new TarballLayer
            {
                MediaType = layer.MediaType,
                Digest = layer.Digest.ToString(),
                DiffID = i < diffIds.Count ? diffIds[i] : "",
                Size = layer.Size,
            });
            if (includeNonDistributable || !IsNonDistributable(layer.MediaType))
            {
                lock (layers)
                {
                    layers.TryAdd(layer.Digest.ToString(), (export.Source, layer));
                }
            }
        }
        return result;
    }

    /// <summary>True for foreign (Windows base) layers that registries do not redistribute.</summary>
    public static bool IsNonDistributable(string mediaType) =>
        mediaType.Contains("foreign", StringComparison.Ordinal) || mediaType.Contains("nondistributable", StringComparison.Ordinal);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
