namespace Hull.Oci.Storage;

/// <summary>
/// The one check every writer and deleter of Hull uses before touching a path it derived from input (a tar entry, a
/// name, a record): the path must stay strictly inside its root, both lexically (no absolute paths, no <c>..</c> past
/// the root) and on disk (no folder between the root and the path is a symbolic link, which could lead anywhere).
/// </summary>
public static class ContainedPath
{
    /// <summary>
    /// Resolves <paramref name="relative"/> (<c>/</c> or <c>\</c> separated) under <paramref name="root"/>; null when it is
    /// absolute, names the root itself, or leaves it.
    /// </summary>
    public static string? Resolve(string root, string relative)
    {
        string name = relative.Replace('\\', '/');
        if (name.Length == 0 || name.StartsWith('/') || (name.Length >= 2 && name[1] == ':') || name.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }
        string full = Path.GetFullPath(Path.Join(Path.GetFullPath(root), name));
        return IsInside(root, full) ? full : null;
    }

    /// <summary>
    /// True when <paramref name="path"/> is strictly inside <paramref name="root"/> (never the root itself) and no
    /// existing folder between them is a symbolic link. The root itself may be a link: the user chose it.
    /// </summary>
    public static bool IsInside(string root, string path)
    {
        string top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string prefix = top + Path.DirectorySeparatorChar;
        if (top == Path.DirectorySeparatorChar.ToString())
        {
            prefix = top;
        }
        if (!full.StartsWith(prefix, StringComparison.Ordinal) || full.Length <= prefix.Length)
        {
            return false;
        }
        // Each folder strictly between root and path must be a real folder (or not exist yet).
        string[] parts = full[prefix.Length..].Split(Path.DirectorySeparatorChar);
        string current = top;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            current = Path.Join(current, parts[i]);
            var info = new DirectoryInfo(current);
            if (info.LinkTarget is not null)
            {
                return false;
            }
            if (!info.Exists)
            {
                break;
            }
        }
        return true;
    }
}
