using System.Text;
using Hull.Templating.Files;

namespace Hull.Templating.Tests.DataValues;

/// <summary>Builds in-memory input files for data values, schema and library tests.</summary>
public static class TemplateFiles
{
    /// <summary>Files from (path, content) pairs, kinds from their names.</summary>
    public static List<InputFile> Of(params (string Path, string Content)[] files) =>
        files.Select(f => new InputFile(f.Path, Encoding.UTF8.GetBytes(f.Content), FileKinds.FromName(f.Path))).ToList();

    /// <summary>Renders files and returns ytt's stdout.</summary>
    public static string Render(TemplateOptions options, params (string Path, string Content)[] files) =>
        TemplateRenderer.Render(Of(files), options).CombinedYaml();

    /// <summary>Renders files expecting a failure; returns its message.</summary>
    public static string RenderError(TemplateOptions options, params (string Path, string Content)[] files) =>
        Assert.Throws<TemplateException>(() => TemplateRenderer.Render(Of(files), options)).Message;

    /// <summary>A template printing data.values as a document.</summary>
    public const string Echo = "#@ load(\"@ytt:data\", \"data\")\n--- #@ data.values\n";
}
