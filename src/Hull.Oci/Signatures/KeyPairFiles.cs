using System.Text;

namespace Hull.Oci.Signatures;

/// <summary>
/// Writes a key pair as <c>NAME.key</c> (0600) and <c>NAME.pub</c>, never over existing files; a missing folder is
/// created 0700. What <c>hull key generate</c> does.
/// </summary>
public static class KeyPairFiles
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <summary>The private and public key paths for <paramref name="name"/> (a path without extension).</summary>
    public static (string PrivateKey, string PublicKey) PathsOf(string name) => (name + ".key", name + ".pub");

    /// <summary>
    /// Writes <paramref name="key"/> to <c>NAME.key</c> (encrypted when <paramref name="passphrase"/> is not empty) and its
    /// public half to <c>NAME.pub</c>; fails with a <see cref="SigningException"/> when either exists.
    /// </summary>
    public static (string PrivateKey, string PublicKey) Write(string name, SigningKey key, string? passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(key);
        var (privatePath, publicPath) = PathsOf(name);
        foreach (string path in new[] { privatePath, publicPath })
        {
            if (File.Exists(path) || Directory.Exists(path))
                throw new SigningException($"{path}: already exists; Hull does not overwrite keys (remove it or choose another name)");
        }
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(privatePath));
            if (folder is not null && !Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows())
                    Directory.CreateDirectory(folder);
                else
                    Directory.CreateDirectory(folder, OwnerOnlyFolder);
            }
            WriteNew(privatePath, key.ExportPem(passphrase), OwnerOnlyFile);
            try
            {
                WriteNew(publicPath, key.PublicKey.ExportPem(), null);
            }
            catch
            {
                File.Delete(privatePath);
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SigningException($"{name}: cannot write the key pair: {e.Message}", e);
        }
        return (privatePath, publicPath);
    }

    private static void WriteNew(string path, string text, UnixFileMode? mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (mode is { } m && !OperatingSystem.IsWindows())
            options.UnixCreateMode = m;
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.ASCII.GetBytes(text));
    }
}
