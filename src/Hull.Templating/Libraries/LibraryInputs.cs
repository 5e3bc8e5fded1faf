using Hull.Templating.DataValues;

namespace Hull.Templating.Libraries;

/// <summary>What whoever evaluates a library hands it: the command-line values and, for a nested library, the values its parent aims at it.</summary>
public sealed class LibraryInputs(DataValuesSources commandLine, string[]? keys, IReadOnlyList<DataValuesDocument> documents,
    IReadOnlyList<DataValuesDocument> forNested, IReadOnlyList<DataValuesStep> withValues, IReadOnlyList<DataValuesDocument> withSchemas)
{
    /// <summary>All command-line data values (each library takes those aimed at it).</summary>
    public DataValuesSources CommandLine { get; } = commandLine;

    /// <summary>The names the nested library answers to (`name`, and `~alias` when aliased); null for the root library.</summary>
    public string[]? Keys { get; } = keys;

    /// <summary>The parent's `#@library/ref` documents aimed at this library.</summary>
    public IReadOnlyList<DataValuesDocument> Documents { get; } = documents;

    /// <summary>The parent's documents aimed further down, at libraries nested in this one.</summary>
    public IReadOnlyList<DataValuesDocument> ForNested { get; } = forNested;

    /// <summary>`with_data_values()` of the library instance.</summary>
    public IReadOnlyList<DataValuesStep> WithValues { get; } = withValues;

    /// <summary>`with_data_values_schema()` of the library instance.</summary>
    public IReadOnlyList<DataValuesDocument> WithSchemas { get; } = withSchemas;

    /// <summary>The inputs of the root library: only the command line.</summary>
    public static LibraryInputs Root(DataValuesSources commandLine) => new(commandLine, null, [], [], [], []);

    /// <summary>The root library's own command-line values and those aimed (`@name:`) at this nested library.</summary>
    public IEnumerable<DataValuesSource> CommandLineValues => CommandLine.For(Keys);
}
