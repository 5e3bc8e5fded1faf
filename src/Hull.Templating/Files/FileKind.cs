namespace Hull.Templating.Files;

/// <summary>How ytt treats an input file, decided by its extension or a `--file-mark type=`.</summary>
public enum FileKind
{
    /// <summary>`.yml`/`.yaml`: a YAML template.</summary>
    YamlTemplate,
    /// <summary>YAML passed through without templating (`type=yaml-plain`).</summary>
    YamlPlain,
    /// <summary>`.txt`: a text template.</summary>
    TextTemplate,
    /// <summary>Text passed through without templating (`type=text-plain`).</summary>
    TextPlain,
    /// <summary>`.star`: a Starlark module, only loaded.</summary>
    Starlark,
    /// <summary>Anything else: copied to `--output-files`, readable with data.read().</summary>
    Data,
}

/// <summary>Extension rules for <see cref="FileKind"/>.</summary>
public static class FileKinds
{
    /// <summary>The kind a file name implies.</summary>
    public static FileKind FromName(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".yml" or ".yaml" => FileKind.YamlTemplate,
            ".txt" => FileKind.TextTemplate,
            ".star" => FileKind.Starlark,
            _ => FileKind.Data,
        };
    }

    /// <summary>`x.lib.yml` or anything under `_ytt_lib/`: loadable, never rendered on its own.</summary>
    public static bool IsLibrary(string relativePath)
    {
        string norm = relativePath.Replace('\\', '/');
        if (norm.StartsWith("_ytt_lib/", StringComparison.Ordinal) || norm.Contains("/_ytt_lib/", StringComparison.Ordinal))
        {
            return true;
        }
        string[] parts = Path.GetFileName(norm).Split('.');
        return parts.Length > 2 && parts[^2] == "lib";
    }
}

/// <summary>One input file: its path as shown in errors and output, its bytes and kind.</summary>
/// <param name="RelativePath">Path relative to the `-f` root (used in errors, `load()` and `--output-files`).</param>
/// <param name="Bytes">Contents.</param>
/// <param name="Kind">Kind.</param>
public sealed record InputFile(string RelativePath, byte[] Bytes, FileKind Kind)
{
    /// <summary>Whether it is only loadable (`.lib.` or `_ytt_lib`).</summary>
    public bool IsLibrary { get; init; } = FileKinds.IsLibrary(RelativePath);

    /// <summary>Whether it is rendered into output (`--file-mark for-output=`, defaults from kind).</summary>
    public bool? ForOutput { get; init; }

    /// <summary>Whether it is rendered only with `--output-files` (exclusive-for-output).</summary>
    public bool ExclusiveForOutput { get; init; }

    /// <summary>Whether this file is a template to evaluate as output.</summary>
    public bool IsTemplate => !IsLibrary && Kind is FileKind.YamlTemplate or FileKind.TextTemplate;
}
