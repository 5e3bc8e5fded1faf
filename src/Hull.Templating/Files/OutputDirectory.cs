namespace Hull.Templating.Files;

/// <summary>Writes rendered files under a directory only after all of them were written to a temporary sibling.</summary>
public static class OutputDirectory
{
    /// <summary>Writes <paramref name="files"/> (relative path, bytes) into <paramref name="dir"/>; with <paramref name="emptyFirst"/> the directory ends up holding exactly these files.</summary>
    public static void Write(IEnumerable<(string Path, byte[] Bytes)> files, string dir, bool emptyFirst)
    {
        string full = Path.GetFullPath(dir);
        string parent = Path.GetDirectoryName(full.TrimEnd('/')) ?? ".";
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, "." + Path.GetFileName(full.TrimEnd('/')) + ".hull-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(temp);
        try
        {
            var written = new List<string>();
            foreach (var (rel, bytes) in files)
            {
                string target = SafeJoin(temp, rel);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, bytes);
                written.Add(rel);
            }

            if (emptyFirst)
            {
                if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
                Directory.Move(temp, full);
                return;
            }

            Directory.CreateDirectory(full);
            foreach (var rel in written)
            {
                string target = SafeJoin(full, rel);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(SafeJoin(temp, rel), target, overwrite: true);
            }
            Directory.Delete(temp, recursive: true);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    private static string SafeJoin(string root, string rel)
    {
        string target = Path.GetFullPath(Path.Combine(root, rel));
        if (!target.StartsWith(Path.GetFullPath(root).TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            throw new TemplateException($"Output file '{rel}' would be written outside of the output directory");
        }
        return target;
    }
}
