using System.Text;

namespace Hull.Templating.Files;

/// <summary>Turns `-f` arguments (files, directories, `-` for stdin) and `--file-mark`s into ordered input files.</summary>
public sealed class FileCollector
{
    private readonly List<InputFile> _files = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>Directories symlinks may point into (`--allow-symlink-destination`).</summary>
    public List<string> AllowedSymlinkDestinations { get; } = [];

    /// <summary>`--dangerous-allow-all-symlink-destinations`.</summary>
    public bool AllowAllSymlinks { get; set; }

    /// <summary>The files collected so far, in order.</summary>
    public IReadOnlyList<InputFile> Files => _files;

    /// <summary>Adds one `-f` argument: `-` (stdin), a file, a directory (recursive, ordinal path order), or `name=path`.</summary>
    public void Add(string arg, Func<Stream> stdin)
    {
        string? rename = null;
        string path = arg;
        int eq = arg.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0 && !File.Exists(arg) && !Directory.Exists(arg))
        {
            rename = arg[..eq];
            path = arg[(eq + 1)..];
        }

        if (path == "-")
        {
            using var s = stdin();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            string name = rename ?? "stdin.yml";
            AddFile(name, ms.ToArray());
            return;
        }
        if (Directory.Exists(path))
        {
            string root = Path.GetFullPath(path);
            var entries = new List<string>();
            Walk(root, entries);
            entries.Sort(StringComparer.Ordinal);
            foreach (var full in entries)
            {
                string rel = Path.GetRelativePath(root, full).Replace('\\', '/');
                if (rename is not null) rel = rename.TrimEnd('/') + "/" + rel;
                AddFile(rel, File.ReadAllBytes(full));
            }
            return;
        }
        if (File.Exists(path))
        {
            CheckSymlink(path);
            AddFile(rename ?? Path.GetFileName(path), File.ReadAllBytes(path));
            return;
        }
        throw new TemplateException($"Checking file '{path}': lstat {path}: no such file or directory");
    }

    /// <summary>Applies `--file-mark path:key=value` marks (exclude, type, for-output, exclusive-for-output).</summary>
    public void ApplyMark(string mark)
    {
        int colon = mark.LastIndexOf(':');
        if (colon <= 0) throw new TemplateException($"Expected file mark '{mark}' to be in format 'path:key=value'");
        string pattern = mark[..colon];
        string kv = mark[(colon + 1)..];
        int eq = kv.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new TemplateException($"Expected file mark '{mark}' to be in format 'path:key=value'");
        string key = kv[..eq], value = kv[(eq + 1)..];
        bool matched = false;
        for (int i = _files.Count - 1; i >= 0; i--)
        {
            var f = _files[i];
            if (!GlobMatch(pattern, f.RelativePath)) continue;
            matched = true;
            switch (key)
            {
                case "exclude":
                    if (ParseBool(mark, value)) _files.RemoveAt(i);
                    break;
                case "type":
                    _files[i] = f with { Kind = ParseType(mark, value) };
                    break;
                case "for-output":
                    _files[i] = f with { ForOutput = ParseBool(mark, value) };
                    break;
                case "exclusive-for-output":
                    _files[i] = f with { ExclusiveForOutput = ParseBool(mark, value) };
                    break;
                case "path":
                    _files[i] = f with { RelativePath = value };
                    break;
                default:
                    throw new TemplateException($"Unknown file mark '{key}' in '{mark}'");
            }
        }
        if (!matched) throw new TemplateException($"Expected file mark '{mark}' to match at least one file by path, but did not");
    }

    private static bool ParseBool(string mark, string v) => v switch
    {
        "true" => true,
        "false" => false,
        _ => throw new TemplateException($"Unknown value '{v}' in file mark '{mark}'"),
    };

    private static FileKind ParseType(string mark, string v) => v switch
    {
        "yaml-template" => FileKind.YamlTemplate,
        "yaml-plain" => FileKind.YamlPlain,
        "text-template" => FileKind.TextTemplate,
        "text-plain" => FileKind.TextPlain,
        "starlark" => FileKind.Starlark,
        "data" => FileKind.Data,
        _ => throw new TemplateException($"Unknown file type '{v}' in file mark '{mark}' (expected: yaml-template, yaml-plain, text-template, text-plain, starlark, data)"),
    };

    /// <summary>Glob with `*` (within a segment) and `**` (across segments).</summary>
    public static bool GlobMatch(string pattern, string path)
    {
        var re = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                re.Append(".*");
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/') i++;
            }
            else if (c == '*') re.Append("[^/]*");
            else if (c == '?') re.Append("[^/]");
            else re.Append(System.Text.RegularExpressions.Regex.Escape(c.ToString()));
        }
        re.Append('$');
        return System.Text.RegularExpressions.Regex.IsMatch(path, re.ToString());
    }

    private void Walk(string dir, List<string> into)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
        {
            var info = new FileInfo(entry);
            bool isLink = info.LinkTarget is not null;
            if (isLink) CheckSymlink(entry);
            if (Directory.Exists(entry)) Walk(entry, into);
            else into.Add(entry);
        }
    }

    private void CheckSymlink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null || AllowAllSymlinks) return;
        string target = Path.GetFullPath(info.ResolveLinkTarget(true)?.FullName ?? info.LinkTarget);
        foreach (var allowed in AllowedSymlinkDestinations)
        {
            string a = Path.GetFullPath(allowed).TrimEnd('/') + "/";
            if (target.StartsWith(a, StringComparison.Ordinal) || target == a.TrimEnd('/')) return;
        }
        throw new TemplateException($"Expected symlink file '{path}' to point to an allowed destination (see --allow-symlink-destination), but pointed to '{target}'");
    }

    private void AddFile(string rel, byte[] bytes)
    {
        if (!_seen.Add(rel))
        {
            throw new TemplateException($"Expected unique file names; file '{rel}' is included more than once");
        }
        _files.Add(new InputFile(rel, bytes, FileKinds.FromName(rel)));
    }
}
