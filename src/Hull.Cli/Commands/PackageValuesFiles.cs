using Hull.Packaging.Rendering;

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
            string text;
            if (path == "-")
            {
                using var reader = new StreamReader(Console.OpenStandardInput());
                text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (File.Exists(path))
            {
                text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw new FileNotFoundException($"--values-file '{path}': no such file");
            }
            values.Add(new PackageValues(path == "-" ? "stdin" : Path.GetFileName(path), text));
        }
        return values;
    }
}
