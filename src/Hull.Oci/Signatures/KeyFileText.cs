namespace Hull.Oci.Signatures;

/// <summary>Reads a key file's text with a size bound and an error naming the file.</summary>
internal static class KeyFileText
{
    public static string Read(string path, string kind)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new SigningException($"{path}: {kind} file not found");
            if (info.Length > KeyPem.MaxBytes)
                throw new SigningException($"{path}: {info.Length} bytes is too large for a {kind} file (at most {KeyPem.MaxBytes})");
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SigningException($"{path}: cannot read the {kind}: {e.Message}", e);
        }
    }
}
