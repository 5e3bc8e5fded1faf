using Hull.Templating.Files;

namespace Hull.Templating.Libraries;

/// <summary>
/// The files of one ytt library: the root files, or a `_ytt_lib/name` directory; its own files are those under its
/// root outside nested `_ytt_lib` directories.
/// </summary>
/// <remarks>
/// This and the other values the steps pass are classes, not records: a record's generated equality instantiates
/// `EqualityComparer&lt;T&gt;` for each field type, and every such instantiation is a static base each hull process
/// allocates at start.
/// </remarks>
public sealed class Library(IReadOnlyList<InputFile> allFiles, string root)
{
    /// <summary>Every input file (a library finds its own, and its nested libraries, by path).</summary>
    public IReadOnlyList<InputFile> AllFiles { get; } = allFiles;

    /// <summary>The library's directory: empty for the root library, else ending in `/`.</summary>
    public string Root { get; } = root;

    /// <summary>The files of this library (not those of nested libraries), with paths relative to its root.</summary>
    public IEnumerable<(string Path, InputFile File)> OwnFiles()
    {
        foreach (var f in AllFiles)
        {
            if (!f.RelativePath.StartsWith(Root, StringComparison.Ordinal)) continue;
            string rel = f.RelativePath[Root.Length..];
            if (rel.StartsWith("_ytt_lib/", StringComparison.Ordinal) || rel.Contains("/_ytt_lib/", StringComparison.Ordinal)) continue;
            yield return (rel, f);
        }
    }

    /// <summary>Whether an own file is a module (`*.lib.yml`, `*.lib.txt`): only loaded by others, never rendered.</summary>
    public bool IsModule(InputFile file) => FileKinds.IsLibrary(file.RelativePath[Root.Length..]);

    /// <summary>
    /// The library `name` as library.get() finds it from the file <paramref name="from"/>: `_ytt_lib/name` in that
    /// file's directory or the nearest ancestor within this library; null when there is none.
    /// </summary>
    public Library? Find(string from, string name)
    {
        string dir = Path.GetDirectoryName(from)?.Replace('\\', '/') ?? "";
        string stop = Root.TrimEnd('/');
        while (true)
        {
            string prefix = (dir.Length == 0 ? "" : dir + "/") + "_ytt_lib/" + name.TrimEnd('/') + "/";
            if (AllFiles.Any(f => f.RelativePath.StartsWith(prefix, StringComparison.Ordinal))) return new Library(AllFiles, prefix);
            if (dir.Length == 0 || dir == stop) return null;
            int slash = dir.LastIndexOf('/');
            dir = slash < 0 ? "" : dir[..slash];
        }
    }
}
