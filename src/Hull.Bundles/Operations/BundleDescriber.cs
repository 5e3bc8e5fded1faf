using Hull.Oci.Storage;
using Hull.Bundles.Contents;
using Hull.Bundles.Images;
using Hull.Oci.References;

namespace Hull.Bundles.Operations;

/// <summary>imgpkg's <c>describe</c>: the tree of a bundle's nested bundles and images, as text.</summary>
public static class BundleDescriber
{
    /// <summary>Reads the bundle graph at <paramref name="location"/> and returns imgpkg's text description.</summary>
    public static async Task<IReadOnlyList<string>> DescribeAsync(IImageStores stores, ImageLocation location, int concurrency, CancellationToken cancellationToken)
    {
        var bundle = await FetchedImage.FetchAsync(stores, location, cancellationToken).ConfigureAwait(false);
        if (!await bundle.IsBundleAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new BundleException($"Describing '{location}': Expected bundle image but found plain image (hint: Did you use -i instead of -b?)");
        }
        var graph = await BundleGraph.ReadAsync(stores, bundle, recursive: true, concurrency, cancellationToken).ConfigureAwait(false);
        var lines = new List<string> { $"Bundle SHA: {bundle.Digest}", "" };
        Print(graph, "", root: true, lines);
        return lines;
    }

    private static void Print(BundleNode node, string indent, bool root, List<string> lines)
    {
        if (node.Images.Count == 0)
        {
            return;
        }
        string inner = indent + "  ";
        lines.Add((root ? "" : inner) + "Images:");
        bool first = true;
        foreach (var image in node.Images.Where(i => i.IsBundle))
        {
            if (!first)
            {
                lines.Add("");
            }
            first = false;
            Entry(image, "Bundle", inner, lines);
            var nested = node.Nested.FirstOrDefault(n => n.Image.Digest == image.Image.Digest);
            if (nested is not null)
            {
                Print(nested, inner, root: false, lines);
            }
        }
        foreach (var image in node.Images.Where(i => !i.IsBundle))
        {
            Entry(image, "Image", inner, lines);
        }
    }

    private static void Entry(BundleImage image, string type, string indent, List<string> lines)
    {
        lines.Add($"{indent}- Image: {image.Image.DigestReference}");
        lines.Add($"{indent}  Type: {type}");
        lines.Add($"{indent}  Origin: {image.Entry.Image}");
        lines.Add($"{indent}  Layers:");
        var digests = image.Image.Manifest.IsIndex
            ? image.Image.Manifest.AsIndex().Manifests.Select(m => m.Digest)
            : image.Image.Manifest.AsImage().Layers.Select(l => l.Digest);
        foreach (var digest in digests)
        {
            lines.Add($"{indent}    - Digest: {digest}");
        }
        if (image.Entry.Annotations is { Count: > 0 } annotations)
        {
            lines.Add($"{indent}  Annotations:");
            foreach (var (k, v) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                lines.Add($"{indent}    {k}: {v}");
            }
        }
    }
}
