using Hull.Starlark;
using Hull.Templating.Files;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating;

/// <summary>One output of a render.</summary>
/// <param name="RelativePath">Path under `--output-files`.</param>
/// <param name="Kind">Kind of the input it came from.</param>
public sealed record RenderedFile(string RelativePath, FileKind Kind)
{
    /// <summary>Rendered YAML for YAML files.</summary>
    public DocumentSet? Yaml { get; init; }

    /// <summary>Rendered text for text files.</summary>
    public string? Text { get; init; }

    /// <summary>Raw bytes for copied files.</summary>
    public byte[]? Bytes { get; init; }
}

/// <summary>The result of rendering a set of files.</summary>
public sealed class RenderResult(IReadOnlyList<RenderedFile> files)
{
    /// <summary>Every output, in input order.</summary>
    public IReadOnlyList<RenderedFile> Files { get; } = files;

    /// <summary>All YAML documents (empty ones dropped) as ytt prints them on stdout.</summary>
    public string CombinedYaml() => YamlOutput.Yaml(YamlDocs());

    /// <summary>All YAML documents as JSON, one per line.</summary>
    public string CombinedJson() => YamlOutput.Json(YamlDocs());

    /// <summary>All YAML documents with each node's source position (`-o pos`).</summary>
    public string CombinedPositions() => YamlOutput.Positions(YamlDocs());

    private List<Document> YamlDocs()
    {
        var docs = new List<Document>();
        foreach (var f in Files)
        {
            if (f.Yaml is null) continue;
            docs.AddRange(f.Yaml.Items);
        }
        return docs;
    }

    /// <summary>The files `--output-files` writes: YAML and text renders, copied data files.</summary>
    public IEnumerable<(string Path, byte[] Bytes)> OutputFiles()
    {
        foreach (var f in Files)
        {
            if (f.Yaml is not null) yield return (f.RelativePath, System.Text.Encoding.UTF8.GetBytes(YamlOutput.Yaml(f.Yaml.Items)));
            else if (f.Text is not null) yield return (f.RelativePath, System.Text.Encoding.UTF8.GetBytes(f.Text));
            else if (f.Bytes is not null) yield return (f.RelativePath, f.Bytes);
        }
    }
}

/// <summary>Renders files as `ytt template` does: data values first, then each template in order.</summary>
public static class TemplateRenderer
{
    /// <summary>Renders <paramref name="files"/>; failures throw <see cref="TemplateException"/> with ytt's message layout.</summary>
    public static RenderResult Render(IReadOnlyList<InputFile> files, TemplateOptions options) =>
        EvaluationStack.Run(() => new Libraries.LibraryExecution(files, options).Render());
}
