using System.Formats.Tar;
using Hull.Oci.Storage;

namespace Hull.Bundles.Layers;

/// <summary>
/// Extracts a layer's tar into a directory the way imgpkg pulls bundles, but refusing hostile entries: absolute
/// paths, <c>..</c> segments, whiteouts of <c>.</c>, <c>..</c> or nothing, and links pointing outside the directory are
/// errors (every path written or deleted is checked by <see cref="ContainedPath"/>); links inside it are skipped as
/// imgpkg does; each file gets its owner bits copied to group and other.
/// </summary>
public static class LayerExtractor
{
    /// <summary>Extracts the uncompressed tar <paramref name="tar"/> into <paramref name="directory"/>, which must exist.</summary>
    public static async Task ExtractAsync(Stream tar, string directory, CancellationToken cancellationToken)
    {
        string root = Path.GetFullPath(directory);
        using var reader = new TarReader(tar, leaveOpen: true);
        while (true)
        {
            TarEntry? entry;
            try
            {
                entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
            {
                throw new BundleException($"Reading layer tar: {ex.Message} (the archive is truncated or corrupt)", ex);
            }
            if (entry is null)
            {
                return;
            }
            await ExtractEntryAsync(entry, root, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Resolves a tar entry name to a path under <paramref name="root"/>, or throws if it would land outside.</summary>
    public static string? ResolveInside(string root, string entryName)
    {
        string name = entryName.Replace('\\', '/');
        if (name.StartsWith('/') || (name.Length >= 2 && name[1] == ':'))
        {
            throw new BundleException($"Refusing tar entry '{entryName}': absolute paths are not allowed");
        }
        var parts = new List<string>();
        foreach (string part in name.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                throw new BundleException($"Refusing tar entry '{entryName}': '..' would escape the output folder");
            }
            parts.Add(part);
        }
        if (parts.Count == 0)
        {
            return null;
        }
        return ContainedPath.Resolve(root, string.Join('/', parts))
            ?? throw new BundleException($"Refusing tar entry '{entryName}': it would escape the output folder");
    }

    private static async Task ExtractEntryAsync(TarEntry entry, string root, CancellationToken cancellationToken)
    {
        string? path = ResolveInside(root, entry.Name);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (path is not null)
                {
                    RemoveIfFile(path);
                    if (OperatingSystem.IsWindows())
                    {
                        Directory.CreateDirectory(path);
                    }
                    else
                    {
                        // Created with the umask applied, as imgpkg's MkdirAll does.
                        Directory.CreateDirectory(path, Spread(entry.Mode) | UnixFileMode.UserExecute | UnixFileMode.UserWrite | UnixFileMode.UserRead);
                    }
                }
                break;

            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                if (path is null)
                {
                    throw new BundleException($"Refusing tar entry '{entry.Name}': a file cannot replace the output folder");
                }
                string whiteout = Path.GetFileName(path);
                if (whiteout == ".wh..wh..opq")
                {
                    // The opaque whiteout: what earlier layers put in this folder is gone.
                    string folder = Path.GetDirectoryName(path)!;
                    foreach (string child in Directory.Exists(folder) ? Directory.GetFileSystemEntries(folder) : [])
                    {
                        RemoveAny(root, child);
                    }
                    break;
                }
                if (whiteout.StartsWith(".wh.", StringComparison.Ordinal))
                {
                    RemoveAny(root, WhiteoutTarget(path, entry.Name));
                    break;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                RemoveAny(root, path);
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = Spread(entry.Mode);
                }
                await using (var file = new FileStream(path, options))
                {
                    if (entry.DataStream is not null)
                    {
                        try
                        {
                            await entry.DataStream.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException)
                        {
                            throw new BundleException($"Reading '{entry.Name}' from layer tar: the archive is truncated or corrupt", ex);
                        }
                    }
                }
                if (FileLength(path) != entry.Length)
                {
                    throw new BundleException($"Reading '{entry.Name}' from layer tar: expected {entry.Length} bytes (the archive is truncated)");
                }
                break;

            case TarEntryType.SymbolicLink:
                CheckLinkInside(root, path, entry.Name, entry.LinkName, relativeToEntry: true);
                break; // imgpkg skips links as a security measure; so do we, once they are known not to escape.

            case TarEntryType.HardLink:
                CheckLinkInside(root, path, entry.Name, entry.LinkName, relativeToEntry: false);
                break;

            case TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes or TarEntryType.LongPath or TarEntryType.LongLink:
                break;

            default:
                throw new BundleException($"Unsupported tar entry type '{(char)entry.EntryType}' for file '{entry.Name}'");
        }
    }

    private static long FileLength(string path) => new FileInfo(path).Length;

    private static void CheckLinkInside(string root, string? path, string name, string linkName, bool relativeToEntry)
    {
        string link = linkName.Replace('\\', '/');
        if (link.StartsWith('/') || (link.Length >= 2 && link[1] == ':'))
        {
            throw new BundleException($"Refusing tar entry '{name}': link to absolute path '{linkName}' escapes the output folder");
        }
        string baseDir = relativeToEntry && path is not null ? Path.GetDirectoryName(path)! : root;
        string target = Path.GetFullPath(Path.Join(baseDir, link));
        string rootWithSep = root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (target != root.TrimEnd(Path.DirectorySeparatorChar) && !target.StartsWith(rootWithSep, StringComparison.Ordinal))
        {
            throw new BundleException($"Refusing tar entry '{name}': link to '{linkName}' escapes the output folder");
        }
    }

    // imgpkg copies the owner's permission bits to group and other on extraction.
    private static UnixFileMode Spread(UnixFileMode mode)
    {
        int user = (int)mode & 0x1C0;
        return (UnixFileMode)(user | user >> 3 | user >> 6);
    }

    private static void RemoveIfFile(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    // An OCI whiteout (.wh.NAME) deletes its sibling NAME. Names that are not one plain sibling ("", ".", "..", anything with a separator: ".wh..." would name the folder above) are refused, so a
    // whiteout can only ever delete something strictly inside the output.
    private static string WhiteoutTarget(string path, string entryName)
    {
        string name = Path.GetFileName(path)[4..];
        if (name is "" or "." or ".." || name.StartsWith(".wh.", StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            throw new BundleException($"Refusing tar entry '{entryName}': a whiteout of '{name}' does not name a file inside the output folder");
        }
        return Path.Join(Path.GetDirectoryName(path), name);
    }

    private static void RemoveAny(string root, string? path)
    {
        if (path is null || !ContainedPath.IsInside(root, path))
        {
            throw new BundleException($"Refusing to delete '{path}': it is not inside the output folder {root}");
        }
        if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
        {
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }
}
