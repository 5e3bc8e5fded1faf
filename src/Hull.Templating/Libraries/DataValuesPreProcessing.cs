using Hull.Starlark;
using Hull.Templating.DataValues;
using Hull.Templating.Schema;

namespace Hull.Templating.Libraries;

/// <summary>What a library's data values are made of, from every source, before their order is decided.</summary>
public sealed class DataValuesInputs(IReadOnlyList<DataValuesDocument> own, IReadOnlyList<DataValuesDocument> fromParent,
    IReadOnlyList<DataValuesStep> withValues, IReadOnlyList<DataValuesDocument> withSchemas, IEnumerable<DataValuesSource> commandLine)
{
    /// <summary>The library's own `#@data/values` and `#@data/values-schema` documents.</summary>
    public IReadOnlyList<DataValuesDocument> Own { get; } = own;

    /// <summary>Documents the parent library aimed at this one (`#@library/ref`).</summary>
    public IReadOnlyList<DataValuesDocument> FromParent { get; } = fromParent;

    /// <summary>`with_data_values()` of the library instance.</summary>
    public IReadOnlyList<DataValuesStep> WithValues { get; } = withValues;

    /// <summary>`with_data_values_schema()` of the library instance.</summary>
    public IReadOnlyList<DataValuesDocument> WithSchemas { get; } = withSchemas;

    /// <summary>Command-line values aimed at this library, in precedence order.</summary>
    public IEnumerable<DataValuesSource> CommandLine { get; } = commandLine;
}

/// <summary>
/// ytt's data values pre-processing for one library: schemas and values in the order they apply (own documents, the
/// parent's, `with_data_values()`, the parent's `after_library_module=True` ones, then the command line) run through
/// the data values pipeline.
/// </summary>
public static class DataValuesPreProcessing
{
    /// <summary>The library's final data values and schema.</summary>
    public static DataValuesResult Run(DataValuesInputs inputs, StarlarkThread thread, SourceLines lines, TemplateOptions options)
    {
        var schemas = new List<DataValuesDocument>();
        var steps = new List<DataValuesStep>();
        schemas.AddRange(inputs.Own.Where(d => d.Kind == DataValuesDocumentKind.Schema));
        schemas.AddRange(inputs.FromParent.Where(d => d.Kind == DataValuesDocumentKind.Schema && !d.AfterLibraryModule));
        schemas.AddRange(inputs.WithSchemas);
        schemas.AddRange(inputs.FromParent.Where(d => d.Kind == DataValuesDocumentKind.Schema && d.AfterLibraryModule));
        steps.AddRange(inputs.Own.Where(d => d.Kind == DataValuesDocumentKind.Values).Select(Step));
        steps.AddRange(inputs.FromParent.Where(d => d.Kind == DataValuesDocumentKind.Values && !d.AfterLibraryModule).Select(Step));
        steps.AddRange(inputs.WithValues);
        steps.AddRange(inputs.FromParent.Where(d => d.Kind == DataValuesDocumentKind.Values && d.AfterLibraryModule).Select(Step));
        steps.AddRange(DataValuesStep.FromCommandLine(inputs.CommandLine));

        var pipeline = new DataValuesPipeline(thread, lines.Line) { DisableValidation = options.DisableDataValuesValidation };
        using (RenderTimings.Measure(options.Timings, "data values"))
        {
            return pipeline.Run(schemas, steps);
        }
    }

    /// <summary>The merged schema of the library's own schema documents, without computing values (null when none is declared).</summary>
    public static SchemaNode? Schema(IReadOnlyList<DataValuesDocument> own, StarlarkThread thread, SourceLines lines) =>
        new DataValuesPipeline(thread, lines.Line).MergeSchema(own.Where(d => d.Kind == DataValuesDocumentKind.Schema).ToList());

    private static DataValuesStep Step(DataValuesDocument d) => new(d.Document, d.File, Plain: false);
}
