namespace Hull.Cli.Commands;

/// <summary>A temporary folder deleted when disposed (e.g. the rendered package of a --static release).</summary>
public sealed class TempFolder(string prefix) : IDisposable
{
    /// <summary>Its full path.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Deletes the folder and everything in it.</summary>
    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
