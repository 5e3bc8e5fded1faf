namespace Hull.Bundles.Progress;

/// <summary>Receives progress of a long transfer; implementations must be thread-safe (blobs move concurrently).</summary>
public interface ITransferProgress
{
    /// <summary>A phase begins: <paramref name="totalBytes"/> to move in <paramref name="totalItems"/> items.</summary>
    void Begin(string phase, long totalBytes, int totalItems);

    /// <summary>Some bytes moved.</summary>
    void Advance(long bytes);

    /// <summary>One item (blob or image) finished; <paramref name="skipped"/> when it was already there.</summary>
    void ItemDone(string what, bool skipped);

    /// <summary>The phase ended.</summary>
    void End();

    /// <summary>A line of plain information (imgpkg's <c>copying N images</c> and the like).</summary>
    void Info(string line);
}

/// <summary>Progress that goes nowhere.</summary>
public sealed class NoProgress : ITransferProgress
{
    /// <summary>The shared instance.</summary>
    public static NoProgress Instance { get; } = new();

    /// <inheritdoc/>
    public void Begin(string phase, long totalBytes, int totalItems)
    {
    }

    /// <inheritdoc/>
    public void Advance(long bytes)
    {
    }

    /// <inheritdoc/>
    public void ItemDone(string what, bool skipped)
    {
    }

    /// <inheritdoc/>
    public void End()
    {
    }

    /// <inheritdoc/>
    public void Info(string line)
    {
    }
}
