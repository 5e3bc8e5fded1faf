using Hull.Yaml;

namespace Hull.Templating.Yaml;

/// <summary>Parsing templates and plain YAML through Hull.Yaml, with YAML errors surfacing as template errors.</summary>
public static class YamlParsing
{
    private static readonly YamlParseOptions s_plain = new() { WithoutComments = true };
    private static readonly YamlParseOptions s_strict = new() { Strict = true };

    /// <summary>Parses a template (comments kept) into a document set; <paramref name="strict"/> is ytt's `--strict`.</summary>
    public static DocumentSet Parse(string name, string source, bool strict = false)
    {
        try
        {
            return YamlParser.Parse(source, name, strict ? s_strict : YamlParseOptions.Default);
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
