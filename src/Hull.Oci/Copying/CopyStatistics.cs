namespace Hull.Oci.Copying;

/// <summary>Thread-safe counters of what an <see cref="ImageCopier"/> did; read them after (or during) a copy.</summary>
public sealed class CopyStatistics
{
    private long _blobsCopied, _blobsSkipped, _blobsMounted, _bytesCopied, _manifestsCopied, _manifestsSkipped;

    /// <summary>Blobs whose bytes were transferred.</summary>
    public long BlobsCopied => Interlocked.Read(ref _blobsCopied);

    /// <summary>Blobs the target already had (HEAD hits).</summary>
    public long BlobsSkipped => Interlocked.Read(ref _blobsSkipped);

    /// <summary>Blobs made available by a cross-repository mount.</summary>
    public long BlobsMounted => Interlocked.Read(ref _blobsMounted);

    /// <summary>Bytes of blobs transferred.</summary>
    public long BytesCopied => Interlocked.Read(ref _bytesCopied);

    /// <summary>Manifests written (including tags of existing ones).</summary>
    public long ManifestsCopied => Interlocked.Read(ref _manifestsCopied);

    /// <summary>Child manifests the target already had.</summary>
    public long ManifestsSkipped => Interlocked.Read(ref _manifestsSkipped);

    internal void BlobCopied(long bytes)
    {
        Interlocked.Increment(ref _blobsCopied);
        Interlocked.Add(ref _bytesCopied, bytes);
    }

    internal void BlobSkipped() => Interlocked.Increment(ref _blobsSkipped);
    internal void BlobMounted() => Interlocked.Increment(ref _blobsMounted);
    internal void ManifestCopied() => Interlocked.Increment(ref _manifestsCopied);
    internal void ManifestSkipped() => Interlocked.Increment(ref _manifestsSkipped);

    /// <summary>A one-line summary.</summary>
    public override string ToString() =>
        $"{BlobsCopied} blobs copied ({BytesCopied} bytes), {BlobsSkipped} already present, {BlobsMounted} mounted, {ManifestsCopied} manifests written";
}
