using Hull.Templating.DataValues;

namespace Hull.Templating.Libraries;

/// <summary>What whoever evaluates a library hands it: the command-line values and, for a nested library, the values its parent aims at it.</summary>
/// <param name="CommandLine">All command-line data values (each library takes those aimed at it).</param>
/// <param name="Keys">The names the nested library answers to (`name`, and `~alias` when aliased); null for the root library.</param>
/// <param name="Documents">The parent's `#@library/ref` documents aimed at this library.</param>
/// <param name="ForNested">The parent's documents aimed further down, at libraries nested in this one.</param>
/// <param name="WithValues">`with_data_values()` of the library instance.</param>
/// <param name="WithSchemas">`with_data_values_schema()` of the library instance.</param>
public sealed record LibraryInputs(DataValuesSources CommandLine, string[]? Keys, IReadOnlyList<DataValuesDocument> Documents,
    IReadOnlyList<DataValuesDocument> ForNested, IReadOnlyList<DataValuesStep> WithValues, IReadOnlyList<DataValuesDocument> WithSchemas)
{
    /// <summary>The inputs of the root library: only the command line.</summary>
    public static LibraryInputs Root(DataValuesSources commandLine) => new(commandLine, null, [], [], [], []);

    /// <summary>The root library's own command-line values and those aimed (`@name:`) at this nested library.</summary>
    public IEnumerable<DataValuesSource> CommandLineValues => CommandLine.For(Keys);
}
