using System.IO.Compression;

namespace Hull.Bundles.Layers;

/// <summary>
/// Builds imgpkg's deterministic layer from files: directories walked depth-first with entries in byte order,
/// each directory input rooted at ".", zero timestamps and owners, directories 0700 and files keeping only their
/// owner bits (unless permissions are preserved). The same files always give the same layer digest.
/// </summary>
public static class LayerBuilder
{
    /// <summary>Writes the layer to a temporary file in <paramref name="tempDirectory"/>, reporting each entry as imgpkg does (<c>dir: X</c>, <c>file: X</c>).</summary>
    public static async Task<LayerFile> BuildAsync(LayerOptions options, Action<string> log, string tempDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(tempDirectory);
        string path = Path.Combine(tempDirectory, $"hull-layer-{Guid.NewGuid():N}.tar.gz");
        return await WriteAsync(path, async tar =>
        {
            foreach (string input in options.Paths)
            {
                await AddInputAsync(tar, input, options, log, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a gzip layer at <paramref name="path"/> whose tar entries <paramref name="writeEntries"/> adds, computing its digest and diff ID as it streams.</summary>
    public static async Task<LayerFile> WriteAsync(string path, Func<UstarWriter, Task> writeEntries, CancellationToken cancellationToken)
    {
        try
        {
            string digest, diffId;
            long size;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var compressed = new HashingStream(file, leaveOpen: true);
                var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true);
                var raw = new HashingStream(gzip, leaveOpen: true);
                var tar = new UstarWriter(raw);
                await writeEntries(tar).ConfigureAwait(false);
                tar.Finish();
                await raw.FlushAsync(cancellationToken).ConfigureAwait(false);
                diffId = raw.Digest();
                await gzip.DisposeAsync().ConfigureAwait(false);
                digest = compressed.Digest();
                size = compressed.BytesWritten;
                await raw.DisposeAsync().ConfigureAwait(false);
                await compressed.DisposeAsync().ConfigureAwait(false);
            }
            return new LayerFile(path, digest, size, diffId);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private static async Task AddInputAsync(UstarWriter tar, string input, LayerOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        if (Directory.Exists(input))
        {
            try
            {
                await AddDirectoryAsync(tar, new DirectoryInfo(input), ".", options, log, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BundleException)
            {
                throw new BundleException($"Adding file '{input}' to tar: {ex.Message}", ex);
            }
        }
        else if (File.Exists(input))
        {
            var info = new FileInfo(input);
            if (info.LinkTarget is not null)
            {
                info = (FileInfo)(info.ResolveLinkTarget(returnFinalTarget: true) ?? info);
            }
            await AddFileAsync(tar, info, Path.GetFileName(input), options, log, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new BundleException($"Adding file '{input}' to tar: no such file or directory");
        }
    }

    private static async Task AddDirectoryAsync(UstarWriter tar, DirectoryInfo dir, string relative, LayerOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        log($"dir: {relative}");
        int mode = options.PreservePermissions ? (int)dir.UnixFileMode & 0xFFF : 0x1C0;
        tar.WriteDirectory(relative, mode);

        // Go's filepath.Walk visits names in byte order; ordinal comparison of UTF-16 matches that for the BMP.
        var entries = dir.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        foreach (var entry in entries)
        {
            string childRelative = relative == "." ? entry.Name : relative + "/" + entry.Name;
            bool excluded = options.Exclusions.Contains(childRelative, StringComparer.Ordinal);
            if (entry.LinkTarget is not null)
            {
                throw new BundleException($"Expected file '{entry.FullName}' to be a regular file");
            }
            if (entry is DirectoryInfo sub)
            {
                if (!excluded)
                {
                    await AddDirectoryAsync(tar, sub, childRelative, options, log, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (entry is FileInfo file && IsRegular(file))
            {
                if (!excluded)
                {
                    await AddFileAsync(tar, file, childRelative, options, log, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                throw new BundleException($"Expected file '{entry.FullName}' to be a regular file");
            }
        }
    }

    // .NET has no file-type query; devices are flagged and FIFOs/sockets are rare enough in configuration folders.
    private static bool IsRegular(FileInfo file) => (file.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0;

    private static async Task AddFileAsync(UstarWriter tar, FileInfo file, string relative, LayerOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        log($"file: {relative}");
        int mode = options.PreservePermissions ? (int)file.UnixFileMode & 0xFFF : (int)file.UnixFileMode & 0x1C0;
        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await tar.WriteFileAsync(relative, mode, stream.Length, stream, cancellationToken).ConfigureAwait(false);
    }
}
