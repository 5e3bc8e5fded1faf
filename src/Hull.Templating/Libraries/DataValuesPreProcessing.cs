using Hull.Starlark;
using Hull.Templating.DataValues;
using Hull.Templating.Schema;

namespace Hull.Templating.Libraries;

/// <summary>What a library's data values are made of, from every source, before their order is decided.</summary>
/// <param name="Own">The library's own `#@data/values` and `#@data/values-schema` documents.</param>
/// <param name="FromParent">Documents the parent library aimed at this one (`#@library/ref`).</param>
/// <param name="WithValues">`with_data_values()` of the library instance.</param>
/// <param name="WithSchemas">`with_data_values_schema()` of the library instance.</param>
/// <param name="CommandLine">Command-line values aimed at this library, in precedence order.</param>
public sealed record DataValuesInputs(IReadOnlyList<DataValuesDocument> Own, IReadOnlyList<DataValuesDocument> FromParent,
    IReadOnlyList<DataValuesStep> WithValues, IReadOnlyList<DataValuesDocument> WithSchemas, IEnumerable<DataValuesSource> CommandLine);

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
