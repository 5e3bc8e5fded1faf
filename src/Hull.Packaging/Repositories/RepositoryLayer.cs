using System.Text;
using Hull.Bundles.Layers;

namespace Hull.Packaging.Repositories;

/// <summary>
/// Builds a repository bundle's layer straight from its files in memory, with the same entries LayerBuilder
/// writes for a folder (imgpkg's deterministic tar: "." first, names in byte order, directories 0700, files 0600),
/// so thousands of package files never touch the disk twice.
/// </summary>
internal static class RepositoryLayer
{
    private const int DirectoryMode = 0x1C0;
    private const int RegularFileMode = 0x180;

    public static async Task<LayerFile> BuildAsync(IReadOnlyList<RepositoryFile> files, Action<string> log, CancellationToken cancellationToken)
    {
        var byPath = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var children = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal) { ["."] = new(StringComparer.Ordinal) };
        foreach (string path in byPath.Keys)
        {
            string child = path;
            while (true)
            {
                int slash = child.LastIndexOf('/');
                string parent = slash < 0 ? "." : child[..slash];
                if (!children.TryGetValue(parent, out var set))
                {
                    children[parent] = set = new SortedSet<string>(StringComparer.Ordinal);
                }
                set.Add(child);
                if (slash < 0)
                {
                    break;
                }
                child = parent;
            }
        }

        string temp = Path.Combine(Path.GetTempPath(), $"hull-layer-{Guid.NewGuid():N}.tar.gz");
        return await LayerBuilder.WriteAsync(temp, tar => WriteAsync(tar, ".", children, byPath, log, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAsync(
        UstarWriter tar,
        string directory,
        Dictionary<string, SortedSet<string>> children,
        Dictionary<string, RepositoryFile> files,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        log($"dir: {directory}");
        tar.WriteDirectory(directory, DirectoryMode);
        // Order by the last path segment, as a folder walk lists a directory's entries.
        foreach (string child in children[directory].OrderBy(c => c[(c.LastIndexOf('/') + 1)..], StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (children.ContainsKey(child))
            {
                await WriteAsync(tar, child, children, files, log, cancellationToken).ConfigureAwait(false);
                continue;
            }
            log($"file: {child}");
            byte[] bytes = Encoding.UTF8.GetBytes(files[child].Text);
            await tar.WriteFileAsync(child, RegularFileMode, bytes.Length, new MemoryStream(bytes), cancellationToken).ConfigureAwait(false);
        }
    }
}
