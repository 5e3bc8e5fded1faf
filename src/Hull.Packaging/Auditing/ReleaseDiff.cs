namespace Hull.Packaging.Auditing;

/// <summary>What changed between two releases: bundle, files (with their text diffs), images, dependencies, values, rendered output.</summary>
public static class ReleaseDiff
{
    /// <summary>The lines `hull package diff` prints; only changes are listed.</summary>
    public static IReadOnlyList<string> Lines(PackageReport oldReport, PackageReport newReport)
    {
        ArgumentNullException.ThrowIfNull(oldReport);
        ArgumentNullException.ThrowIfNull(newReport);
        string from = $"{oldReport.RefName}/{oldReport.Version}";
        string to = $"{newReport.RefName}/{newReport.Version}";
        var lines = new List<string> { $"{from} -> {to}" };
        if (oldReport.Bundle != newReport.Bundle)
        {
            lines.Add($"bundle: {oldReport.Bundle} -> {newReport.Bundle}");
        }
        var oldFiles = oldReport.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var newFiles = newReport.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (string path in oldFiles.Keys.Union(newFiles.Keys).Order(StringComparer.Ordinal))
        {
            bool inOld = oldFiles.TryGetValue(path, out var o);
            bool inNew = newFiles.TryGetValue(path, out var n);
            if (inOld && inNew && o!.Sha256 == n!.Sha256)
            {
                continue;
            }
            lines.Add(!inOld ? $"file added: {path}" : !inNew ? $"file removed: {path}" : $"file changed: {path}");
            lines.AddRange(LineDiff.Unified(inOld ? oldReport.Text(path) : null, inNew ? newReport.Text(path) : null, $"{from}/{path}", $"{to}/{path}"));
        }
        foreach (string image in oldReport.Images.Except(newReport.Images, StringComparer.Ordinal))
        {
            lines.Add($"image removed: {image}");
        }
        foreach (string image in newReport.Images.Except(oldReport.Images, StringComparer.Ordinal))
        {
            lines.Add($"image added: {image}");
        }
        foreach (var d in oldReport.Dependencies.Except(newReport.Dependencies))
        {
            lines.Add($"dependency removed: {d.Name}: {d.RefName} {d.Constraints}");
        }
        foreach (var d in newReport.Dependencies.Except(oldReport.Dependencies))
        {
            lines.Add($"dependency added: {d.Name}: {d.RefName} {d.Constraints}");
        }
        foreach (var v in oldReport.Values.Except(newReport.Values))
        {
            lines.Add($"value removed: {v.Key} {v.Type} default {v.Default}");
        }
        foreach (var v in newReport.Values.Except(oldReport.Values))
        {
            lines.Add($"value added: {v.Key} {v.Type} default {v.Default}");
        }
        var rendered = LineDiff.Unified(oldReport.Rendered, newReport.Rendered, $"{from} (rendered)", $"{to} (rendered)");
        if (rendered.Count > 0)
        {
            lines.Add("rendered output changed:");
            lines.AddRange(rendered);
        }
        if (lines.Count == 1)
        {
            lines.Add("no changes");
        }
        return lines;
    }
}
