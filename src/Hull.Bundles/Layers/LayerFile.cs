namespace Hull.Bundles.Layers;

/// <summary>A gzip-compressed tar layer written to a temporary file, deleted on dispose.</summary>
/// <param name="Path">The temporary file holding the compressed layer.</param>
/// <param name="Digest">The digest of the compressed bytes (<c>sha256:HEX</c>).</param>
/// <param name="Size">The compressed size in bytes.</param>
/// <param name="DiffId">The digest of the uncompressed tar.</param>
public sealed record LayerFile(string Path, string Digest, long Size, string DiffId) : IDisposable
{
    /// <summary>The Docker layer media type imgpkg uses for bundle layers.</summary>
    public const string MediaType = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>Deletes the temporary file.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // A temp file that cannot be deleted is not worth failing a finished operation for.
        }
    }
}
