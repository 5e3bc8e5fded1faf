namespace Hull.Templating;

/// <summary>One data values input, in command-line order.</summary>
/// <param name="Kind">What the source is.</param>
/// <param name="Name">File name, flag or env prefix (for error messages).</param>
/// <param name="KeyPath">Dotted key path for key/value sources.</param>
/// <param name="Text">YAML document text, or the value.</param>
/// <param name="AsYaml">Whether a key/value value is parsed as YAML (else kept as a string).</param>
public sealed record DataValuesSource(DataValuesSourceKind Kind, string Name, string? KeyPath, string Text, bool AsYaml);

/// <summary>Kinds of <see cref="DataValuesSource"/>.</summary>
public enum DataValuesSourceKind
{
    /// <summary>`--data-values-file`: a plain YAML document whose keys are merged (and may add keys).</summary>
    PlainYaml,
    /// <summary>`-v`, `--data-value-yaml`, `--data-value-file`, env vars: one key path set to one value.</summary>
    KeyValue,
}

/// <summary>The data values the command line supplies, applied in order after the templates' `#@data/values` documents.
/// Issue 'Data values' extends this with schemas, overlays and library targets.</summary>
public sealed class DataValuesSources
{
    private readonly List<DataValuesSource> _items = [];

    /// <summary>The sources in order.</summary>
    public IReadOnlyList<DataValuesSource> Items => _items;

    /// <summary>Adds a plain YAML values file.</summary>
    public void AddPlainYaml(string name, string yaml) => _items.Add(new(DataValuesSourceKind.PlainYaml, name, null, yaml, true));

    /// <summary>Adds `key.path=value`.</summary>
    public void AddKeyValue(string keyEqualsValue, bool asYaml, string source)
    {
        int eq = keyEqualsValue.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new TemplateException($"Expected flag value '{keyEqualsValue}' to be in format 'key=value' ({source})");
        }
        AddKeyValue(keyEqualsValue[..eq], keyEqualsValue[(eq + 1)..], asYaml, source);
    }

    /// <summary>Adds a key path with a value.</summary>
    public void AddKeyValue(string keyPath, string value, bool asYaml, string source) =>
        _items.Add(new(DataValuesSourceKind.KeyValue, source, keyPath, value, asYaml));

    /// <summary>Adds every `PREFIX_a__b=value` environment variable as key path `a.b`.</summary>
    public void AddEnvironment(string prefix, bool asYaml)
    {
        var vars = Environment.GetEnvironmentVariables();
        var keys = vars.Keys.Cast<string>().Where(k => k.StartsWith(prefix + "_", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            string path = k[(prefix.Length + 1)..].Replace("__", ".", StringComparison.Ordinal);
            _items.Add(new(DataValuesSourceKind.KeyValue, (asYaml ? "--data-values-env-yaml " : "--data-values-env ") + prefix, path, (string)vars[k]!, asYaml));
        }
    }
}
