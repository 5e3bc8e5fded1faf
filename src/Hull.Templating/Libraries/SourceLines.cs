using System.Text;
using Hull.Templating.Files;

namespace Hull.Templating.Libraries;

/// <summary>The lines of input files by file name and line number, split once per file, for error messages that quote them.</summary>
public sealed class SourceLines(IReadOnlyList<InputFile> files)
{
    private readonly Dictionary<string, string[]> _lines = new(StringComparer.Ordinal);

    /// <summary>Line <paramref name="line"/> (1-based) of <paramref name="file"/>, or null when there is no such file or line.</summary>
    public string? Line(string file, int line)
    {
        if (!_lines.TryGetValue(file, out var lines))
        {
            var f = files.FirstOrDefault(x => x.RelativePath == file);
            lines = f is null ? [] : Encoding.UTF8.GetString(f.Bytes).Split('\n');
            _lines[file] = lines;
        }
        return line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : null;
    }
}
