using System.Text;
using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.DataValues;
using Hull.Templating.Evaluation;
using Hull.Templating.Files;
using Hull.Templating.Modules;
using Hull.Templating.Overlays;
using Hull.Templating.Validations;
using Hull.Templating.Values;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.Libraries;

/// <summary>
/// One evaluation of a ytt library (the root files, or a `_ytt_lib/name` directory): its data values (schemas, values
/// documents, values handed down by the parent, command-line values), then its templates, overlays and validations.
/// </summary>
public sealed class LibraryExecution
{
    private readonly IReadOnlyList<InputFile> _all;
    private readonly string _root;
    private readonly TemplateOptions _options;
    private readonly DataValuesSources _cli;
    private readonly HashSet<string> _requested = new(StringComparer.Ordinal);
    private readonly HashSet<string> _requestedAnywhere;
    private readonly string[]? _keys;
    private readonly IReadOnlyList<DataValuesDocument> _external;
    private readonly IReadOnlyList<DataValuesStep> _withValues;
    private readonly IReadOnlyList<DataValuesDocument> _withSchemas;
    private readonly ModuleLoader _loader;
    private readonly List<(InputFile File, CompiledTemplate? Template)> _templates = [];
    private readonly List<DataValuesDocument> _ownDocs = [];
    private readonly Dictionary<string, DocumentSet> _plainParsed = new(StringComparer.Ordinal); // YAML files without `#@`
    private readonly List<DataValuesDocument> _childRefs = [];
    private readonly Dictionary<string, string[]> _lines = new(StringComparer.Ordinal);
    private bool _prepared;
    private DataValuesResult? _dataValues;
    private Value? _valuesStruct;

    /// <summary>The root library of <paramref name="files"/>.</summary>
    public LibraryExecution(IReadOnlyList<InputFile> files, TemplateOptions options)
        : this(files, "", options, options.DataValues, null, [], [], [], new HashSet<string>(StringComparer.Ordinal))
    {
    }

    private LibraryExecution(IReadOnlyList<InputFile> files, string root, TemplateOptions options, DataValuesSources cli, string[]? keys,
        IReadOnlyList<DataValuesDocument> external, IReadOnlyList<DataValuesStep> withValues, IReadOnlyList<DataValuesDocument> withSchemas,
        HashSet<string> requestedAnywhere)
    {
        _requestedAnywhere = requestedAnywhere;
        _all = files;
        _root = root;
        _options = options;
        _cli = cli;
        _keys = keys;
        _external = external;
        _withValues = withValues;
        _withSchemas = withSchemas;
        var data = new DataModule(() => _valuesStruct ?? new YttStruct([]), files, root);
        var modules = new BuiltinModules(options, data);
        modules.Add("library", () => LibraryModule.Create(this));
        _loader = new ModuleLoader(files, options, modules, root);
    }

    /// <summary>The library's directory (empty for the root, else ending in `/`).</summary>
    public string Root => _root;

    /// <summary>All input files (libraries find their own by path).</summary>
    public IReadOnlyList<InputFile> AllFiles => _all;

    /// <summary>The options this library is evaluated with.</summary>
    internal TemplateOptions Options => _options;

    /// <summary>The loader of this library's modules.</summary>
    internal ModuleLoader Loader => _loader;

    /// <summary>The final data values (and schema) of this library.</summary>
    public DataValuesResult DataValues()
    {
        if (_dataValues is not null) return _dataValues;
        Prepare();
        var schemas = new List<DataValuesDocument>();
        var steps = new List<DataValuesStep>();
        schemas.AddRange(_ownDocs.Where(d => d.Kind == DataValuesDocumentKind.Schema));
        schemas.AddRange(_external.Where(d => d.Kind == DataValuesDocumentKind.Schema && !d.AfterLibraryModule));
        schemas.AddRange(_withSchemas);
        schemas.AddRange(_external.Where(d => d.Kind == DataValuesDocumentKind.Schema && d.AfterLibraryModule));
        steps.AddRange(_ownDocs.Where(d => d.Kind == DataValuesDocumentKind.Values).Select(Step));
        steps.AddRange(_external.Where(d => d.Kind == DataValuesDocumentKind.Values && !d.AfterLibraryModule).Select(Step));
        steps.AddRange(_withValues);
        steps.AddRange(_external.Where(d => d.Kind == DataValuesDocumentKind.Values && d.AfterLibraryModule).Select(Step));
        steps.AddRange(DataValuesStep.FromCommandLine(_cli.For(_keys)));

        var pipeline = new DataValuesPipeline(_loader.NewThread("data-values"), SourceLine) { DisableValidation = _options.DisableDataValuesValidation };
        using (RenderTimings.Measure(_options.Timings, "data values"))
        {
            _dataValues = pipeline.Run(schemas, steps);
        }

        _valuesStruct = NodeConversion.ToStruct(_dataValues.Values);
        return _dataValues;
    }

    /// <summary>The merged schema of this library without computing values (null when none is declared).</summary>
    public Schema.SchemaNode? Schema()
    {
        Prepare();
        var schemas = _ownDocs.Where(d => d.Kind == DataValuesDocumentKind.Schema).ToList();
        return new DataValuesPipeline(_loader.NewThread("data-values"), SourceLine).MergeSchema(schemas);
    }

    /// <summary>The data values as `data.values` shows them.</summary>
    public Value ValuesStruct()
    {
        DataValues();
        return _valuesStruct!;
    }

    /// <summary>Renders the library's templates (data values first), applies its overlays and runs its validations.</summary>
    public RenderResult Render()
    {
        DataValues();
        var outputs = new List<RenderedFile>();
        foreach (var (file, t) in _templates)
        {
            if (t is null)
            {
                if (IsLibraryFile(file) || file.Kind == FileKind.Starlark) continue;
                if (file.Kind == FileKind.YamlPlain)
                {
                    var yaml = _plainParsed.Remove(file.RelativePath, out var parsed) ? parsed
                        : YamlParsing.Parse(file.RelativePath, SourceText.Of(file), _options.Strict);
                    PlainDuplicateKeys.Fold(yaml);
                    outputs.Add(new RenderedFile(file.RelativePath, file.Kind) { Yaml = yaml });
                }
                else
                {
                    outputs.Add(new RenderedFile(file.RelativePath, file.Kind) { Bytes = file.Bytes });
                }
                continue;
            }
            var root = Evaluate(t);
            outputs.Add(file.Kind == FileKind.TextTemplate
                ? new RenderedFile(file.RelativePath, file.Kind) { Text = root?.ToString() ?? "" }
                : new RenderedFile(file.RelativePath, file.Kind) { Yaml = (DocumentSet?)root });
        }
        using (RenderTimings.Measure(_options.Timings, "overlays"))
        {
            DeclarativeOverlays.Apply(outputs, () => _loader.NewThread("overlays"));
        }

        using (RenderTimings.Measure(_options.Timings, "validations"))
        {
            OutputValidations.Run(outputs, _loader.NewThread("validations"));
        }

        CheckLibraryRefsUsed();
        return new RenderResult(outputs);
    }

    /// <summary>Records that templates asked for library <paramref name="refName"/> (its `#@library/ref` documents are used).</summary>
    internal void NoteRequested(string refName)
    {
        _requested.Add(refName);
        _requestedAnywhere.Add(refName);
    }

    // As ytt, documents aimed at a library nobody asked for are an error rather than silently ignored.
    private void CheckLibraryRefsUsed()
    {
        var unused = _childRefs.Where(d => !_requested.Contains(d.LibraryRef[0]))
            .Select(d => $"library '@{string.Join("@", d.LibraryRef)}' on line {d.Document.Position.AsCompactString()}").ToList();
        if (_keys is null)
        {
            // Command-line values aimed at a library (`@lib:`) that no template asked for, at any depth.
            unused.AddRange(_cli.Items.Where(i => i.Library is not null && !_requestedAnywhere.Contains(i.Library))
                .Select(i => $"library '@{i.Library}' from {i.Name}"));
        }
        if (unused.Count == 0) return;
        throw new TemplateException("Expected all provided library data values documents to be used but found unused: " + string.Join(", ", unused));
    }

    /// <summary>A child library of this one, evaluated with the values this library aims at it.</summary>
    internal LibraryExecution Child(string root, string[] keys, TemplateOptions options, IReadOnlyList<DataValuesStep> withValues, IReadOnlyList<DataValuesDocument> withSchemas)
    {
        Prepare();
        var forChild = _childRefs.Where(d => keys.Contains(d.LibraryRef[0], StringComparer.Ordinal)).Select(d => d.Descend()).ToList();
        var mine = forChild.Where(d => d.LibraryRef.Count == 0).ToList();
        var child = new LibraryExecution(_all, root, options, _cli, keys, mine, withValues, withSchemas, _requestedAnywhere);
        child._childRefs.AddRange(forChild.Where(d => d.LibraryRef.Count > 0));
        return child;
    }

    /// <summary>The files of this library (not those of nested libraries), with paths relative to its root.</summary>
    public IEnumerable<(string Path, InputFile File)> OwnFiles()
    {
        foreach (var f in _all)
        {
            if (!f.RelativePath.StartsWith(_root, StringComparison.Ordinal)) continue;
            string rel = f.RelativePath[_root.Length..];
            if (rel.StartsWith("_ytt_lib/", StringComparison.Ordinal) || rel.Contains("/_ytt_lib/", StringComparison.Ordinal)) continue;
            yield return (rel, f);
        }
    }

    private bool IsLibraryFile(InputFile f) => FileKinds.IsLibrary(f.RelativePath[_root.Length..]);

    private DataValuesStep Step(DataValuesDocument d) => new(d.Document, d.File, Plain: false);

    private void Prepare()
    {
        if (_prepared) return;
        _prepared = true;
        foreach (var (_, file) in OwnFiles())
        {
            bool template = file.Kind is FileKind.YamlTemplate or FileKind.TextTemplate && !IsLibraryFile(file);
            if (!template)
            {
                _templates.Add((file, null));
                continue;
            }
            string source = SourceText.Of(file);
            if (file.Kind == FileKind.TextTemplate)
            {
                _templates.Add((file, Guard(() => ModuleLoader.CompileText(file.RelativePath, source, _options))));
                continue;
            }
            DocumentSet docSet;
            using (RenderTimings.Measure(_options.Timings, "yaml parse"))
            {
                docSet = YamlParsing.Parse(file.RelativePath, source, _options.Strict);
            }

            if (!TemplateDetection.HasTemplating(docSet))
            {
                _templates.Add((file with { Kind = FileKind.YamlPlain }, null));
                _plainParsed[file.RelativePath] = docSet;
                continue;
            }
            if (!HasDataValuesDocuments(docSet))
            {
                _templates.Add((file, Guard(() => CompileYaml(file.RelativePath, source, docSet))));
                continue;
            }
            // As in ytt, a file with data values documents is a data values file: evaluated whole (so code before its
            // documents, e.g. functions used by @schema/default, runs) before any template, and not rendered.
            var vt = Guard(() => CompileYaml(file.RelativePath, source, docSet));
            var result = (DocumentSet)Evaluate(vt)!;
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
                (dv.LibraryRef.Count > 0 ? _childRefs : _ownDocs).Add(dv);
            }
        }
    }

    private CompiledTemplate CompileYaml(string name, string source, DocumentSet docSet)
    {
        using var _ = RenderTimings.Measure(_options.Timings, "template compile");
        return YamlTemplateCompiler.Compile(name, source, docSet, _options);
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

    private object? Evaluate(CompiledTemplate t)
    {
        _loader.Register(t);
        var thread = _loader.NewThread(t.Name);
        try
        {
            t.Eval(thread);
            return t.Result;
        }
        catch (Exception e) when (e is StarlarkException or HostError)
        {
            throw ErrorTranslation.Translate(e, t, _loader.CodeOf);
        }
    }

    private string? SourceLine(string file, int line)
    {
        if (!_lines.TryGetValue(file, out var lines))
        {
            var f = _all.FirstOrDefault(x => x.RelativePath == file);
            lines = f is null ? [] : Encoding.UTF8.GetString(f.Bytes).Split('\n');
            _lines[file] = lines;
        }
        return line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : null;
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
