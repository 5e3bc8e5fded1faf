using Hull.Yaml;

namespace Hull.Templating.DataValues;

/// <summary>
/// Reads the files data values flags name, as ytt does, for every caller (`hull template`, static package releases):
/// `--data-values-file [@lib:]PATH` (a directory gives its YAML files, recursively, in path order; `-` is stdin) and
/// `--data-value-file [@lib:]key=PATH`. Input must be UTF-8: invalid bytes are refused, never read as U+FFFD.
/// </summary>
public static class DataValuesFiles
{
    /// <summary>Adds the plain YAML values file, or every YAML file under the directory, that <paramref name="argument"/> names.</summary>
    public static async Task AddValuesFileAsync(DataValuesSources sources, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var (lib, file) = DataValuesSources.SplitLibrary(argument);
        if (Directory.Exists(file))
        {
            var yamls = Directory.EnumerateFiles(file, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetExtension(f) is ".yml" or ".yaml")
                .Order(StringComparer.Ordinal);
            foreach (var y in yamls)
            {
                sources.AddPlainYaml(y, await ReadValuesFileAsync(y, cancellationToken).ConfigureAwait(false), lib);
            }
            return;
        }
        sources.AddPlainYaml(file, await ReadValuesFileAsync(file, cancellationToken).ConfigureAwait(false), lib);
    }

    /// <summary>Adds `[@lib:]key=PATH`: the file's text as the value of the key.</summary>
    public static async Task AddValueFileAsync(DataValuesSources sources, string keyEqualsPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(keyEqualsPath);
        int eq = keyEqualsPath.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new TemplateException($"Expected format key=/file/path for flag value '{keyEqualsPath}'");
        }
        string path = keyEqualsPath[(eq + 1)..];
        sources.AddValueFile(keyEqualsPath[..eq], path, await ReadValueFileAsync(path, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<string> ReadValuesFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (YamlException e)
        {
            throw DataValuesStep.UnparsableFile(path, e.Message, e);
        }
    }

    private static async Task<string> ReadValueFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (YamlException e)
        {
            // ytt keeps the raw bytes (and writes them as !!binary); Hull's values are Unicode text, so it refuses.
            throw new TemplateException($"Reading data value file '{path}': {e.Message["yaml: ".Length..]} (the value must be UTF-8 text)", e);
        }
    }

    private static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (path != "-")
        {
            return await Utf8Input.ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
        }
        using var stdin = Console.OpenStandardInput();
        return await Utf8Input.ReadStreamAsync(stdin, "stdin", cancellationToken).ConfigureAwait(false);
    }
}
