using System.Text;
using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.Evaluation;
using Hull.Templating.Files;
using Hull.Templating.Modules;
using Hull.Templating.Overlays;
using Hull.Templating.Values;
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
    public static RenderResult Render(IReadOnlyList<InputFile> files, TemplateOptions options)
    {
        Value? dataValues = null;
        var data = new DataModule(() => dataValues ?? new YttStruct([]), files);
        var modules = new BuiltinModules(options, data);
        var loader = new ModuleLoader(files, options, modules);

        // Templates are compiled up front so data values documents can be pulled out of them first.
        var compiled = new List<(InputFile File, CompiledTemplate? Template, DocumentSet? DataValuesDocs)>();
        foreach (var file in files)
        {
            if (!file.IsTemplate)
            {
                compiled.Add((file, null, null));
                continue;
            }
            string source = Encoding.UTF8.GetString(file.Bytes);
            if (file.Kind == FileKind.TextTemplate)
            {
                compiled.Add((file, Guard(() => ModuleLoader.CompileText(file.RelativePath, source, options)), null));
                continue;
            }
            var docSet = YamlParsing.Parse(file.RelativePath, source);
            var valuesDocs = DataValuesDocuments.Extract(docSet);
            var t = Guard(() => YamlTemplateCompiler.Compile(file.RelativePath, source, docSet, options));
            compiled.Add((file, t, valuesDocs));
        }

        var merged = new DataValuesMerger();
        foreach (var (file, _, docs) in compiled)
        {
            if (docs is null) continue;
            var t = Guard(() => YamlTemplateCompiler.Compile(file.RelativePath, Encoding.UTF8.GetString(file.Bytes), docs, options));
            var result = Evaluate(t, loader);
            foreach (var doc in ((DocumentSet)result!).Items) merged.Merge(doc.Value);
        }
        foreach (var src in options.DataValues.Items) merged.Apply(src);
        dataValues = merged.Root is null ? new YttStruct([]) : NodeConversion.ToStruct(merged.Root);

        var outputs = new List<RenderedFile>();
        foreach (var (file, t, _) in compiled)
        {
            if (t is null)
            {
                if (file.IsLibrary || file.Kind == FileKind.Starlark) continue;
                if (file.Kind == FileKind.YamlPlain)
                {
                    outputs.Add(new RenderedFile(file.RelativePath, file.Kind) { Yaml = YamlParsing.Parse(file.RelativePath, Encoding.UTF8.GetString(file.Bytes)) });
                }
                else
                {
                    outputs.Add(new RenderedFile(file.RelativePath, file.Kind) { Bytes = file.Bytes });
                }
                continue;
            }
            var root = Evaluate(t, loader);
            outputs.Add(file.Kind == FileKind.TextTemplate
                ? new RenderedFile(file.RelativePath, file.Kind) { Text = root?.ToString() ?? "" }
                : new RenderedFile(file.RelativePath, file.Kind) { Yaml = (DocumentSet?)root });
        }
        DeclarativeOverlays.Apply(outputs, () => loader.NewThread("overlays"));
        return new RenderResult(outputs);
    }

    private static object? Evaluate(CompiledTemplate t, ModuleLoader loader)
    {
        loader.Register(t);
        var thread = loader.NewThread(t.Name);
        try
        {
            t.Eval(thread);
            return t.Result;
        }
        catch (Exception e) when (e is StarlarkException or HostError)
        {
            throw ErrorTranslation.Translate(e, t, loader.CodeOf);
        }
    }

    private static T Guard<T>(Func<T> f)
    {
        try
        {
            return f();
        }
        catch (Exception e) when (e is HostError or StarlarkException)
        {
            throw new TemplateException(e.Message, e);
        }
    }
}
