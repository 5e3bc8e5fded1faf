namespace Hull.Templating;

/// <summary>One data values input from the command line.</summary>
/// <param name="Kind">What the source is (also its precedence).</param>
/// <param name="Name">How errors name it: the file, or the flag and its argument.</param>
/// <param name="KeyPath">Dotted key path for key/value sources; null for plain YAML files.</param>
/// <param name="Text">YAML document text, or the value.</param>
/// <param name="AsYaml">Whether a key/value value is parsed as YAML (else kept as a string).</param>
public sealed record DataValuesSource(DataValuesSourceKind Kind, string Name, string? KeyPath, string Text, bool AsYaml)
{
    /// <summary>The library the values are for (`@lib:` prefix), or null for the root library.</summary>
    public string? Library { get; init; }

    /// <summary>How ytt names the source in type errors, e.g. `(data-value arg)` or the values file.</summary>
    public string Display { get; init; } = Name;

    /// <summary>The text ytt shows as the source line (the flag's argument, the variable, the file's contents).</summary>
    public string SourceText { get; init; } = Text;
}

/// <summary>Kinds of <see cref="DataValuesSource"/>, in ytt's precedence order (later wins).</summary>
public enum DataValuesSourceKind
{
    /// <summary>`--data-values-file`: a plain YAML file whose keys are merged (and may add keys).</summary>
    PlainYaml,
    /// <summary>`--data-values-env PREFIX`: string values.</summary>
    Env,
    /// <summary>`--data-values-env-yaml PREFIX`: YAML values.</summary>
    EnvYaml,
    /// <summary>`-v/--data-value key=value`: a string value.</summary>
    Value,
    /// <summary>`--data-value-yaml key=value`: a YAML value.</summary>
    ValueYaml,
    /// <summary>`--data-value-file key=path`: the file's contents as a string.</summary>
    ValueFile,
}

/// <summary>The data values the command line supplies. ytt applies them after the templates' `#@data/values`
/// documents, by kind (files, env, env-yaml, value, value-yaml, value-file), left to right within a kind.</summary>
public sealed class DataValuesSources
{
    private readonly List<DataValuesSource> _items = [];

    /// <summary>The sources as given.</summary>
    public IReadOnlyList<DataValuesSource> Items => _items;

    /// <summary>The sources for <paramref name="library"/> (null: the root) in precedence order.</summary>
    public IEnumerable<DataValuesSource> For(string? library) =>
        _items.Where(i => i.Library == library).OrderBy(i => i.Kind);

    /// <summary>The sources aimed at any of <paramref name="libraries"/> (`name`, `~alias`; null: the root) in precedence order.</summary>
    public IEnumerable<DataValuesSource> For(IReadOnlyCollection<string>? libraries) =>
        libraries is null ? For((string?)null) : _items.Where(i => i.Library is not null && libraries.Contains(i.Library)).OrderBy(i => i.Kind);

    /// <summary>Splits ytt's `@lib:rest` prefix: the library name (null when absent) and the rest.</summary>
    public static (string? Library, string Remainder) SplitLibrary(string arg)
    {
        if (arg.StartsWith('@'))
        {
            int colon = arg.IndexOf(':', StringComparison.Ordinal);
            if (colon > 1) return (arg[1..colon], arg[(colon + 1)..]);
            throw new TemplateException($"Expected library reference '{arg}' to be in format '@name:...'");
        }
        return (null, arg);
    }

    /// <summary>Adds a plain YAML values file (`--data-values-file`); <paramref name="library"/> from its `@lib:` prefix.</summary>
    public void AddPlainYaml(string name, string yaml, string? library = null) =>
        _items.Add(new(DataValuesSourceKind.PlainYaml, name, null, yaml, true) { Library = library });

    /// <summary>Adds `[@lib:]key.path=value` from `-v` (<paramref name="asYaml"/> false) or `--data-value-yaml`.</summary>
    public void AddKeyValue(string keyEqualsValue, bool asYaml, string source)
    {
        var (lib, rest) = SplitLibrary(keyEqualsValue);
        int eq = rest.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new TemplateException($"Expected flag value '{keyEqualsValue}' to be in format 'key=value' ({source})");
        }
        var kind = asYaml ? DataValuesSourceKind.ValueYaml : DataValuesSourceKind.Value;
        _items.Add(new(kind, $"{source} {keyEqualsValue}", rest[..eq], rest[(eq + 1)..], asYaml)
        {
            Library = lib,
            Display = asYaml ? "(data-value-yaml arg)" : "(data-value arg)",
            SourceText = rest,
        });
    }

    /// <summary>Adds a key path with a value; `--data-value-file` sources (by <paramref name="source"/>) rank last.</summary>
    public void AddKeyValue(string keyPath, string value, bool asYaml, string source)
    {
        var (lib, path) = SplitLibrary(keyPath);
        var kind = source.StartsWith("--data-value-file", StringComparison.Ordinal) ? DataValuesSourceKind.ValueFile
            : asYaml ? DataValuesSourceKind.ValueYaml : DataValuesSourceKind.Value;
        string display = kind switch
        {
            DataValuesSourceKind.ValueFile => "(data-value-file arg) " + path,
            DataValuesSourceKind.ValueYaml => "(data-value-yaml arg)",
            _ => "(data-value arg)",
        };
        _items.Add(new(kind, $"{source} {keyPath}", path, value, asYaml)
        {
            Library = lib,
            Display = display,
            SourceText = kind == DataValuesSourceKind.ValueFile ? value : path + "=" + value,
        });
    }

    /// <summary>Adds `--data-value-file [@lib:]key=path` with the file's contents.</summary>
    public void AddValueFile(string keyPath, string filePath, string contents)
    {
        var (lib, path) = SplitLibrary(keyPath);
        _items.Add(new(DataValuesSourceKind.ValueFile, $"--data-value-file {keyPath}={filePath}", path, contents, false)
        {
            Library = lib,
            Display = $"(data-value-file arg) {path}={filePath}",
        });
    }

    /// <summary>Adds every `PREFIX_a__b=value` environment variable as key path `a.b` (`[@lib:]PREFIX`).</summary>
    public void AddEnvironment(string prefixArg, bool asYaml) => AddEnvironment(prefixArg, asYaml, Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
        .Select(e => new KeyValuePair<string, string>((string)e.Key, (string?)e.Value ?? "")));

    /// <summary>Adds environment-style variables from <paramref name="vars"/> (tests pass their own).</summary>
    public void AddEnvironment(string prefixArg, bool asYaml, IEnumerable<KeyValuePair<string, string>> vars)
    {
        var (lib, prefix) = SplitLibrary(prefixArg);
        string flag = asYaml ? "--data-values-env-yaml" : "--data-values-env";
        foreach (var (k, v) in vars.Where(kv => kv.Key.StartsWith(prefix + "_", StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string path = k[(prefix.Length + 1)..].Replace("__", ".", StringComparison.Ordinal);
            _items.Add(new(asYaml ? DataValuesSourceKind.EnvYaml : DataValuesSourceKind.Env, $"{flag} {prefixArg} ({k})", path, v, asYaml)
            {
                Library = lib,
                Display = (asYaml ? "(data-values-env-yaml arg) " : "(data-values-env arg) ") + prefix,
                SourceText = k + "=" + v,
            });
        }
    }
}
