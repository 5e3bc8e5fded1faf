using Hull.Starlark;
using Hull.Templating.Values;
using Hull.Templating.DataValues;
using Hull.Templating.Evaluation;
using Hull.Templating.Files;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.Libraries;

/// <summary>One own file of a loaded library, in file order: a compiled template, plain YAML, or a file copied as is.</summary>
public sealed class LoadedFile(InputFile file, CompiledTemplate? template = null, DocumentSet? parsedYaml = null)
{
    /// <summary>The input file (a YAML template without templating is re-kinded plain YAML).</summary>
    public InputFile File { get; } = file;

    /// <summary>The compiled template, for YAML and text templates.</summary>
    public CompiledTemplate? Template { get; } = template;

    /// <summary>Plain YAML already parsed while loading (null when it still has to be parsed).</summary>
    public DocumentSet? ParsedYaml { get; } = parsedYaml;
}

/// <summary>A library's files ready to render, and the data values documents its data values files declared.</summary>
public sealed class LoadedLibrary(IReadOnlyList<LoadedFile> files, IReadOnlyList<DataValuesDocument> dataValues,
    IReadOnlyList<DataValuesDocument> libraryDataValues)
{
    /// <summary>A library with nothing loaded.</summary>
    public static readonly LoadedLibrary Empty = new([], [], []);

    /// <summary>The files to render or copy, in file order (modules and Starlark files left out).</summary>
    public IReadOnlyList<LoadedFile> Files { get; } = files;

    /// <summary>`#@data/values` and `#@data/values-schema` documents aimed at this library.</summary>
    public IReadOnlyList<DataValuesDocument> DataValues { get; } = dataValues;

    /// <summary>Those aimed at a nested library (`#@library/ref`).</summary>
    public IReadOnlyList<DataValuesDocument> LibraryDataValues { get; } = libraryDataValues;

    /// <summary>
    /// The same files without their parsed plain YAML: a render hands those documents over as outputs (overlays edit
    /// them), so a later render of the same library parses them again.
    /// </summary>
    public LoadedLibrary WithoutParsedYaml() =>
        new(Files.Select(f => f.ParsedYaml is null ? f : new LoadedFile(f.File, f.Template)).ToList(), DataValues, LibraryDataValues);
}

/// <summary>
/// ytt's template loading for one library: each own file parsed and compiled in file order, YAML without templating
/// kept as plain YAML, and files with data values documents evaluated at once for their documents (not rendered).
/// </summary>
public static class TemplateLoading
{
    /// <summary>Loads the own files of <paramref name="library"/>; data values files run through <paramref name="loader"/>.</summary>
    public static LoadedLibrary Load(Library library, TemplateOptions options, ModuleLoader loader)
    {
        var files = new List<LoadedFile>();
        var own = new List<DataValuesDocument>();
        var forLibraries = new List<DataValuesDocument>();
        foreach (var (_, file) in library.OwnFiles())
        {
            if (library.IsModule(file) || file.Kind == FileKind.Starlark) continue;
            if (file.Kind is not (FileKind.YamlTemplate or FileKind.TextTemplate))
            {
                files.Add(new LoadedFile(file));
                continue;
            }
            string source = SourceText.Of(file);
            if (file.Kind == FileKind.TextTemplate)
            {
                files.Add(new LoadedFile(file, Guard(() => ModuleLoader.CompileText(file.RelativePath, source, options))));
                continue;
            }
            DocumentSet docSet;
            using (RenderTimings.Measure(options.Timings, "yaml parse"))
            {
                docSet = YamlParsing.Parse(file.RelativePath, source, options.Strict);
            }

            if (!TemplateDetection.HasTemplating(docSet))
            {
                files.Add(new LoadedFile(file with { Kind = FileKind.YamlPlain }, parsedYaml: docSet));
                continue;
            }
            var template = Guard(() => CompileYaml(file.RelativePath, source, docSet, options));
            if (!HasDataValuesDocuments(docSet))
            {
                files.Add(new LoadedFile(file, template));
                continue;
            }
            // As in ytt, a file with data values documents is a data values file: evaluated whole (so code before its
            // documents, e.g. functions used by @schema/default, runs) before any template, and not rendered.
            var result = (DocumentSet)TemplateEvaluation.Evaluate(template, loader)!;
            foreach (var doc in result.Items)
            {
                var dv = DataValuesDocument.From(doc, file.RelativePath);
                if (dv is null)
                {
                    if (!doc.IsEmpty && !doc.Injected)
                    {
                        throw new TemplateException($"Expected data values file '{file.RelativePath}' to only have data values documents, but document on line {doc.Position.AsCompactString()} is not annotated @data/values or @data/values-schema");
                    }
                    continue;
                }
                (dv.LibraryRef.Count > 0 ? forLibraries : own).Add(dv);
            }
        }
        return new LoadedLibrary(files, own, forLibraries);
    }

    private static CompiledTemplate CompileYaml(string name, string source, DocumentSet docSet, TemplateOptions options)
    {
        using var _ = RenderTimings.Measure(options.Timings, "template compile");
        return YamlTemplateCompiler.Compile(name, source, docSet, options);
    }

    private static bool HasDataValuesDocuments(DocumentSet set)
    {
        foreach (var doc in set.Items)
        {
            foreach (var c in doc.Comments)
            {
                if (c.Kind != CommentKind.Code) continue;
                string name = c.Data[1..].Split(' ', 2)[0];
                if (name is DataValuesDocuments.Values or DataValuesDocuments.Schema) return true;
            }
        }
        return false;
    }

    // Compile errors are the user's template problems: reported as such, not as evaluation failures.
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
