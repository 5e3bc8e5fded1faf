namespace Hull.Templating.Yaml;

/// <summary>The annotations marking data values documents (see Hull.Templating.DataValues).</summary>
public static class DataValuesDocuments
{
    /// <summary>Annotation marking a data values document.</summary>
    public const string Values = "data/values";

    /// <summary>Annotation marking a data values schema document.</summary>
    public const string Schema = "data/values-schema";
}
