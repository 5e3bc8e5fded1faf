using Hull.Images.Output;
using Hull.Images.Search;
using Hull.Yaml;

namespace Hull.Images;

/// <summary>kbld's <c>inspect</c>: lists the references in resources without resolving them.</summary>
public static class ImageInspection
{
    /// <summary>Every reference found, sorted by image then resource, as kbld's table lists them.</summary>
    public static List<InspectedImage> Inspect(IEnumerable<DocumentSet> inputs)
    {
        var (resources, config) = ImageResolution.Load(inputs);
        var finder = new ImageFinder(config.SearchRules);
        var found = new List<InspectedImage>();
        foreach (var resource in resources)
        {
            var recorded = Recorded(resource.Root);
            foreach (var site in finder.Find(resource.Root.DeepCopy(), []))
            {
                found.Add(new InspectedImage(site.Image, recorded.TryGetValue(site.Image, out var m) ? m : "", resource.Description()));
            }
        }
        return found.OrderBy(f => f.Image, StringComparer.Ordinal).ThenBy(f => f.Resource, StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, string> Recorded(Map root)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if ((((root.Find("metadata")?.Value as Map)?.Find("annotations")?.Value as Map)?.Find(ImageResolution.ImagesAnnotationKey)?.Value) is not string text)
        {
            return result;
        }
        try
        {
            foreach (var doc in YamlParser.Parse(text, ImageResolution.ImagesAnnotationKey, new YamlParseOptions { WithoutComments = true }).Items)
            {
                foreach (var item in (doc.Value as YamlArray)?.Items ?? [])
                {
                    if (item.Value is Map entry && entry.Find("url")?.Value is string url && !result.ContainsKey(url))
                    {
                        result[url] = GoYaml.Emit(entry.Find("origins")?.Value).TrimEnd();
                    }
                }
            }
        }
        catch (YamlException)
        {
            // kbld reports nothing for an annotation it cannot read.
        }
        return result;
    }

    /// <summary>The table kbld prints: one block per image (Image, Metadata, Resource), then a count.</summary>
    public static string Table(IReadOnlyList<InspectedImage> images)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("Images\n\n");
        foreach (var image in images)
        {
            Row(sb, "Image", image.Image);
            Row(sb, "Metadata", image.Metadata);
            Row(sb, "Resource", image.Resource);
            sb.Append('\n');
        }
        sb.Append(images.Count).Append(" images\n");
        return sb.ToString();
    }

    private static void Row(System.Text.StringBuilder sb, string header, string value)
    {
        const int width = 10;
        var lines = value.Split('\n');
        sb.Append(header.PadRight(width)).Append(lines[0]).Append('\n');
        foreach (var line in lines.Skip(1))
        {
            sb.Append(' ', width).Append(line).Append('\n');
        }
    }
}
