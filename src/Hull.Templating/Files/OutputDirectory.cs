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
        string temp = Path.Combine(parent, $"{TempPrefix(dir)}{Environment.ProcessId}-{Guid.NewGuid():N}");
        CreateFolder(temp);
        try
        {
            var written = new List<string>();
            foreach (var (rel, bytes) in files)
            {
                string target = SafeJoin(temp, rel);
                CreateFolder(Path.GetDirectoryName(target)!);
                WriteFile(target, bytes);
                written.Add(rel);
            }

            if (emptyFirst)
            {
                if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
                Directory.Move(temp, full);
                return;
            }

            CreateFolder(full);
            foreach (var rel in written)
            {
                string target = SafeJoin(full, rel);
                CreateFolder(Path.GetDirectoryName(target)!);
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

    /// <summary>
    /// The name prefix of the temporary sibling of <paramref name="dir"/>, followed by the writing process's id and a
    /// dash, so a later run can remove what a killed one left (Hull.Oci.Storage.TempNames reads this convention).
    /// </summary>
    public static string TempPrefix(string dir) => "." + Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/')) + ".hull-";

    // ytt writes output folders and files 0700 (os.MkdirAll/os.WriteFile with 0700): rendered output may hold secrets.
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnly);
        }
    }

    private static void WriteFile(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }
        using var file = new FileStream(path, options);
        file.Write(bytes);
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
