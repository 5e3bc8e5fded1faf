using System.Text;
using Hull.Templating;
using Hull.Templating.DataValues;
using Hull.Templating.Files;
using Hull.Yaml;

namespace Hull.Packaging.Auditing;

/// <summary>A package's plain data values (<c>#@data/values</c> without a schema): the files that set them and their top-level keys.</summary>
/// <param name="Files">The bundle files holding <c>#@data/values</c> documents.</param>
/// <param name="Keys">The top-level keys of the data values those files make.</param>
public sealed record PlainValues(IReadOnlyList<string> Files, IReadOnlyList<string> Keys)
{
    /// <summary>The plain data values of a bundle's files, or null when none sets any.</summary>
    public static PlainValues? Of(IReadOnlyDictionary<string, byte[]> bundleFiles)
    {
        var files = bundleFiles
            .Where(f => !f.Key.StartsWith(".imgpkg/", StringComparison.Ordinal) && (f.Key.EndsWith(".yml", StringComparison.Ordinal) || f.Key.EndsWith(".yaml", StringComparison.Ordinal)))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
        var setting = files.Where(f => SetsValues(f.Value)).Select(f => f.Key).ToList();
        if (setting.Count == 0)
        {
            return null;
        }
        IReadOnlyList<string> keys = [];
        try
        {
            var inputs = files.Select(f => new InputFile(f.Key, f.Value, FileKinds.FromName(f.Key))).ToList();
            if (DataValuesInspection.Values(inputs, new TemplateOptions()) is Map values)
            {
                keys = values.Items.Select(i => i.Key?.ToString() ?? "").ToList();
            }
        }
        catch (TemplateException)
        {
            // The files are still named; keys need templates that evaluate without install-time input.
        }
        return new PlainValues(setting, keys);
    }

    /// <summary>Whether a file holds a <c>#@data/values</c> document (not a schema).</summary>
    public static bool SetsValues(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes).Split('\n').Any(l => l.TrimEnd('\r').Trim() is "#@data/values" || l.TrimStart().StartsWith("#@data/values ", StringComparison.Ordinal));
}
