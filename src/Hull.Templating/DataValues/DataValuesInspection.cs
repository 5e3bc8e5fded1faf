using Hull.Starlark;
using Hull.Templating.Files;
using Hull.Templating.Libraries;
using Hull.Templating.Schema;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.DataValues;

/// <summary>
/// `--data-values-inspect` and `--data-values-schema-inspect -o openapi-v3` as a library API: the root library's final
/// data values, and its schema as OpenAPI v3 (what kctrl puts into a Package's `spec.valuesSchema.openAPIv3`).
/// </summary>
public static class DataValuesInspection
{
    /// <summary>The final data values of the root library (schema defaults, values documents, command-line values; validated).</summary>
    public static object? Values(IReadOnlyList<InputFile> files, TemplateOptions options) =>
        EvaluationStack.Run(() => new LibraryExecution(files, options).DataValues().Values);

    /// <summary>The final data values as ytt prints them (one YAML document).</summary>
    public static string ValuesYaml(IReadOnlyList<InputFile> files, TemplateOptions options)
    {
        var values = Values(files, options);
        // The emitter drops empty documents; ytt prints empty data values as an empty map.
        return values is Map { Items.Count: 0 } or null ? (values is null ? "null\n" : "{}\n") : YamlOutput.Yaml([new Document(values)]);
    }

    /// <summary>The root library's merged schema (an empty map schema when none is declared).</summary>
    public static SchemaNode Schema(IReadOnlyList<InputFile> files, TemplateOptions options) =>
        EvaluationStack.Run(() => new LibraryExecution(files, options).Schema()) ?? new SchemaNode { Kind = SchemaKind.Map };

    /// <summary>The whole OpenAPI v3 document ytt prints for `--data-values-schema-inspect -o openapi-v3`.</summary>
    public static Map OpenApiDocument(IReadOnlyList<InputFile> files, TemplateOptions options) =>
        OpenApiExport.Document(Schema(files, options));

    /// <summary>Only the schema object (`components.schemas.dataValues`): a Package's `spec.valuesSchema.openAPIv3`.</summary>
    public static Map OpenApiSchema(IReadOnlyList<InputFile> files, TemplateOptions options) =>
        OpenApiExport.Schema(Schema(files, options));

    /// <summary>The OpenAPI document as YAML text.</summary>
    public static string OpenApiYaml(IReadOnlyList<InputFile> files, TemplateOptions options) =>
        YamlOutput.Yaml([new Document(OpenApiDocument(files, options))]);
}
