using Hull.Starlark;
using Hull.Templating.Values;
using Hull.Templating.Evaluation;
using Hull.Templating.Files;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.Libraries;

/// <summary>
/// ytt's template step for one library: every loaded file in file order becomes an output: templates evaluated, plain
/// YAML with repeated keys folded, other files copied.
/// </summary>
public static class TemplateEvaluation
{
    /// <summary>The outputs of <paramref name="loaded"/>; templates run through <paramref name="loader"/> (data values must be final).</summary>
    public static List<RenderedFile> Render(LoadedLibrary loaded, TemplateOptions options, ModuleLoader loader)
    {
        var outputs = new List<RenderedFile>(loaded.Files.Count);
        foreach (var loadedFile in loaded.Files)
        {
            var file = loadedFile.File;
            if (loadedFile.Template is { } template)
            {
                var root = Evaluate(template, loader);
                outputs.Add(file.Kind == FileKind.TextTemplate
                    ? new RenderedFile(file.RelativePath, file.Kind) { Text = root?.ToString() ?? "" }
                    : new RenderedFile(file.RelativePath, file.Kind) { Yaml = (DocumentSet?)root });
            }
            else if (file.Kind == FileKind.YamlPlain)
            {
                var yaml = loadedFile.ParsedYaml ?? YamlParsing.Parse(file.RelativePath, SourceText.Of(file), options.Strict);
                PlainDuplicateKeys.Fold(yaml);
                outputs.Add(new RenderedFile(file.RelativePath, file.Kind) { Yaml = yaml });
            }
            else
            {
                outputs.Add(new RenderedFile(file.RelativePath, file.Kind) { Bytes = file.Bytes });
            }
        }
        return outputs;
    }

    /// <summary>Runs <paramref name="template"/> on a new thread of <paramref name="loader"/>; returns the root node it built.</summary>
    public static object? Evaluate(CompiledTemplate template, ModuleLoader loader)
    {
        loader.Register(template);
        var thread = loader.NewThread(template.Name);
        try
        {
            template.Eval(thread);
            return template.Result;
        }
        catch (Exception e) when (e is StarlarkException or HostError)
        {
            throw ErrorTranslation.Translate(e, template, loader.CodeOf);
        }
    }
}
