namespace Hull.Oci.Storage;

/// <summary>
/// Names of temporary files and folders that carry their owner's process id, so the next run can tell what a killed
/// process left behind (its owner is gone: removed) from what a running one is still writing (left alone).
/// </summary>
public static class TempNames
{
    /// <summary><c>PREFIX{pid}-{unique}</c>.</summary>
    public static string For(string prefix) => $"{prefix}{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Removes the entries of <paramref name="folder"/> named <c>PREFIX…</c> whose owning process is gone (best effort).</summary>
    public static void RemoveAbandoned(string folder, string prefix)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }
        foreach (string path in Directory.EnumerateFileSystemEntries(folder, prefix + "*"))
        {
            string rest = Path.GetFileName(path)[prefix.Length..];
            int dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(rest.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid) && Alive(pid))
            {
                continue;
            }
            try
            {
                if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
                {
                    Directory.Delete(path, recursive: true);
                }
                else
                {
                    File.Delete(path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Someone else's leftover, or one being removed concurrently: not this run's business.
            }
        }
    }

    private static bool Alive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
