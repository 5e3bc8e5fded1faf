using Hull.Failures;
namespace Hull.Templating;

/// <summary>A template failed to compile or evaluate; the message is in ytt's layout.</summary>
public class TemplateException(string message, Exception? inner = null) : HullException(message, inner)
{
    /// <summary>The template whose YAML could not be parsed, when that is what failed (ytt's CLI names it).</summary>
    public string? UnparsableYamlFile { get; init; }
}
