using Hull.Yaml;

namespace Hull.Templating.Files;

/// <summary>Input files as text: invalid UTF-8 fails naming the file (as ytt's YAML reader does) instead of becoming U+FFFD.</summary>
public static class SourceText
{
    /// <summary>The contents of <paramref name="file"/> as text (a byte order mark is kept, as the parser expects).</summary>
    /// <exception cref="TemplateException">The file is not valid UTF-8.</exception>
    public static string Of(InputFile file)
    {
        try
        {
            return Utf8Input.Decode(file.Bytes, file.RelativePath, dropByteOrderMark: false);
        }
        catch (YamlException e) when (file.Kind is FileKind.YamlTemplate or FileKind.YamlPlain)
        {
            throw new TemplateException(e.Message, e) { UnparsableYamlFile = file.RelativePath };
        }
        catch (YamlException e)
        {
            // ytt passes the bytes of text templates through; Hull's strings are Unicode, so it refuses rather than alter them.
            throw new TemplateException($"Reading template '{file.RelativePath}': {e.Message["yaml: ".Length..]} (templates must be UTF-8 text)", e);
        }
    }
}
