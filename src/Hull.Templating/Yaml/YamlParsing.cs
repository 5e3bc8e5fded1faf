using Hull.Yaml;

namespace Hull.Templating.Yaml;

/// <summary>Parsing templates and plain YAML through Hull.Yaml, with YAML errors surfacing as template errors.</summary>
public static class YamlParsing
{
    private static readonly YamlParseOptions s_plain = new() { WithoutComments = true };

    /// <summary>Parses a template (comments kept) into a document set.</summary>
    public static DocumentSet Parse(string name, string source)
    {
        try
        {
            return YamlParser.Parse(source, name);
        }
        catch (YamlException e)
        {
            throw new TemplateException(e.Message, e) { UnparsableYamlFile = name };
        }
    }

    /// <summary>Parses plain YAML (data values files, yaml.decode): comments are not needed.</summary>
    public static DocumentSet ParsePlain(string name, string source)
    {
        try
        {
            return YamlParser.Parse(source, name, s_plain);
        }
        catch (YamlException e)
        {
            throw new TemplateException(e.Message, e);
        }
    }
}
