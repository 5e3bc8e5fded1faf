namespace Hull.Packaging.Installing;

/// <summary>
/// Files that may hold values or Secrets (the install database, rendered Secrets, the bundle cache): written 0600 in
/// 0700 folders, so other users of the machine cannot read them. Other files keep the umask's defaults.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and missing parents) readable by its owner only; an existing folder is narrowed to 0700.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        if (Directory.Exists(path))
        {
            if ((File.GetUnixFileMode(path) & ~OwnerOnlyFolder) != 0)
            {
                File.SetUnixFileMode(path, OwnerOnlyFolder);
            }
            return;
        }
        Directory.CreateDirectory(path, OwnerOnlyFolder);
    }

    /// <summary>Writes <paramref name="text"/> to a new or replaced file; 0600 when <paramref name="restricted"/>.</summary>
    public static void Write(string path, string text, bool restricted)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (restricted && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, OwnerOnlyFile); // Create keeps an existing file's mode
            }
        }
        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        writer.Write(text);
    }
}
