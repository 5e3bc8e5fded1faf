namespace Hull.Packaging.Installing;

/// <summary>An installation's values as tanzu's <c>--values-file-output</c> writes them: each values file a document, in a private file.</summary>
public static class InstalledValues
{
    /// <summary>
    /// Writes <paramref name="texts"/> (the values Secrets' contents of <paramref name="key"/>) to <paramref name="file"/>
    /// as separate documents; an error when there are none.
    /// </summary>
    public static void Write(string key, IReadOnlyList<string> texts, string file)
    {
        if (texts.Count == 0)
        {
            throw new InstallException($"{key} has no values (its PackageInstall names no values Secret)");
        }
        string text = string.Join("---\n", texts.Select(t => t.EndsWith('\n') ? t : t + "\n"));
        // Written 0600 from the start (values may hold secrets), beside the destination, then moved into place.
        string full = Path.GetFullPath(file);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            PrivateFiles.Write(temp, text, restricted: true);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The error for a values Secret an installation names that does not exist.</summary>
    public static InstallException MissingSecret(string key, string ns, string secretName) =>
        new($"values Secret '{ns}/{secretName}' of {key} does not exist");
}
