using Hull.Starlark.Values;
using Hull.Templating.DataValues;
using Hull.Templating.Evaluation;
using Hull.Templating.Files;
using Hull.Templating.Modules;
using Hull.Templating.Overlays;
using Hull.Templating.Validations;
using Hull.Templating.Values;

namespace Hull.Templating.Libraries;

/// <summary>
/// One evaluation of a ytt library (the root files, or a `_ytt_lib/name` directory) through ytt's steps, each done once:
/// <see cref="TemplateLoading"/>, <see cref="DataValuesPreProcessing"/>, <see cref="TemplateEvaluation"/>, then
/// <see cref="DeclarativeOverlays"/> and <see cref="OutputValidations"/>. It holds what the steps share: the module
/// loader (whose `data.values` are this library's final values once computed) and which libraries templates asked for.
/// </summary>
public sealed class LibraryExecution
{
    private readonly LibraryInputs _inputs;
    private readonly SourceLines _lines;
    private LoadedLibrary? _loaded;
    private bool _loading;
    private DataValuesResult? _dataValues;
    private Value? _valuesStruct;

    /// <summary>The root library of <paramref name="files"/>.</summary>
    public LibraryExecution(IReadOnlyList<InputFile> files, TemplateOptions options)
        : this(new Library(files, ""), options, LibraryInputs.Root(options.DataValues), new LibraryRequests(), new SourceLines(files))
    {
    }

    private LibraryExecution(Library library, TemplateOptions options, LibraryInputs inputs, LibraryRequests requests, SourceLines lines)
    {
        Library = library;
        Options = options;
        Requests = requests;
        _inputs = inputs;
        _lines = lines;
        var data = new DataModule(() => _valuesStruct ?? new YttStruct([]), library.AllFiles, library.Root);
        var modules = new BuiltinModules(options, data);
        modules.Add("library", () => LibraryModule.Create(this));
        Loader = new ModuleLoader(library.AllFiles, options, modules, library.Root);
    }

    /// <summary>The library's files.</summary>
    public Library Library { get; }

    /// <summary>The options this library is evaluated with.</summary>
    internal TemplateOptions Options { get; }

    /// <summary>The loader of this library's modules.</summary>
    internal ModuleLoader Loader { get; }

    /// <summary>The libraries this library's templates asked for.</summary>
    internal LibraryRequests Requests { get; }

    /// <summary>The final data values (and schema) of this library.</summary>
    public DataValuesResult DataValues()
    {
        if (_dataValues is not null) return _dataValues;
        var inputs = new DataValuesInputs(Loaded().DataValues, _inputs.Documents, _inputs.WithValues, _inputs.WithSchemas, _inputs.CommandLineValues);
        _dataValues = DataValuesPreProcessing.Run(inputs, Loader.NewThread("data-values"), _lines, Options);
        _valuesStruct = NodeConversion.ToStruct(_dataValues.Values);
        return _dataValues;
    }

    /// <summary>The merged schema of this library without computing values (null when none is declared).</summary>
    public Schema.SchemaNode? Schema() => DataValuesPreProcessing.Schema(Loaded().DataValues, Loader.NewThread("data-values"), _lines);

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
        var loaded = Loaded();
        _loaded = loaded.WithoutParsedYaml();
        var outputs = TemplateEvaluation.Render(loaded, Options, Loader);
        using (RenderTimings.Measure(Options.Timings, "overlays"))
        {
            DeclarativeOverlays.Apply(outputs, () => Loader.NewThread("overlays"));
        }

        using (RenderTimings.Measure(Options.Timings, "validations"))
        {
            OutputValidations.Run(outputs, Loader.NewThread("validations"));
        }

        Requests.CheckAllUsed(AimedAtLibraries(loaded), _inputs.Keys is null ? _inputs.CommandLine : null);
        return new RenderResult(outputs);
    }

    /// <summary>A library nested in this one, evaluated with the values this library aims at it.</summary>
    internal LibraryExecution Nested(Library library, string[] keys, TemplateOptions options, IReadOnlyList<DataValuesStep> withValues, IReadOnlyList<DataValuesDocument> withSchemas)
    {
        var forNested = AimedAtLibraries(Loaded()).Where(d => keys.Contains(d.LibraryRef[0], StringComparer.Ordinal)).Select(d => d.Descend()).ToList();
        var inputs = new LibraryInputs(_inputs.CommandLine, keys, forNested.Where(d => d.LibraryRef.Count == 0).ToList(),
            forNested.Where(d => d.LibraryRef.Count > 0).ToList(), withValues, withSchemas);
        return new LibraryExecution(library, options, inputs, Requests.ForNested(), _lines);
    }

    // The documents this library's parent aimed further down, then those of this library's own data values files.
    private IEnumerable<DataValuesDocument> AimedAtLibraries(LoadedLibrary loaded) => _inputs.ForNested.Concat(loaded.LibraryDataValues);

    private LoadedLibrary Loaded()
    {
        if (_loaded is not null) return _loaded;
        // A data values file that evaluates a nested library while this one loads sees none of this library's documents yet.
        if (_loading) return LoadedLibrary.Empty;
        _loading = true;
        try
        {
            return _loaded = TemplateLoading.Load(Library, Options, Loader);
        }
        finally
        {
            _loading = false;
        }
    }
}
