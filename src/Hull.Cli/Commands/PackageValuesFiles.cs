using Hull.Packaging.Rendering;
using Hull.Yaml;

namespace Hull.Cli.Commands;

/// <summary>`--values-file` arguments read as package values (`-` is stdin).</summary>
public static class PackageValuesFiles
{
    /// <summary>Reads every file, in order; a missing file is an error naming it.</summary>
    public static async Task<IReadOnlyList<PackageValues>> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var values = new List<PackageValues>();
        foreach (string path in paths)
        {
            values.Add(new PackageValues(path == "-" ? "stdin" : Path.GetFileName(path), await ReadTextAsync(path, cancellationToken).ConfigureAwait(false)));
        }
        return values;
    }

    /// <summary>One values file as text; a missing file or invalid UTF-8 (never read as U+FFFD) is an error naming it.</summary>
    public static async Task<string> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            if (path == "-")
            {
                using var stdin = Console.OpenStandardInput();
                return await Utf8Input.ReadStreamAsync(stdin, "stdin", cancellationToken).ConfigureAwait(false);
            }
            if (!File.Exists(path)) throw new FileNotFoundException($"--values-file '{path}': no such file");
            return await Utf8Input.ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (YamlException e)
        {
            throw new YamlException($"--values-file '{path}': {e.Message}", e.Position, e);
        }
    }
}
