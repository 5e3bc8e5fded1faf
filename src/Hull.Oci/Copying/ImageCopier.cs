using System.Collections.Concurrent;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Oci.Copying;

/// <summary>
/// Copies images and indexes (every platform) from any <see cref="IImageSource"/> to any <see cref="IImageTarget"/>:
/// blobs in parallel with bounded concurrency, skipping what the target has, mounting when it can, verifying
/// every digest. One copier may run many copies at once; blobs shared between them are transferred once.
/// </summary>
public sealed class ImageCopier
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<(IImageTarget, Digest), Lazy<Task>> _blobs = new();
    private readonly int _blobRetries;

    /// <summary>What this copier has done so far.</summary>
    public CopyStatistics Statistics { get; } = new();

    /// <summary>Called after each blob is done (copied, skipped or mounted), with its descriptor; may run on any thread.</summary>
    public event Action<Descriptor>? BlobDone;

    /// <summary>Called as blob bytes flow, with the number of bytes just moved; may run on any thread.</summary>
    public event Action<long>? BytesMoved;

    /// <summary>A copier moving at most <paramref name="concurrency"/> blobs at once.</summary>
    public ImageCopier(int concurrency = 8, int blobRetries = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _blobRetries = blobRetries;
    }

    /// <summary>
    /// Copies the image or index <paramref name="identifier"/> names in <paramref name="source"/> to
    /// <paramref name="target"/>, tagged <paramref name="targetTag"/> (or stored by digest when null).
    /// Returns the descriptor of the copied root manifest; its digest is the same on both sides.
    /// </summary>
    public async Task<Descriptor> CopyAsync(IImageSource source, string? identifier, IImageTarget target, string? targetTag,
        CancellationToken cancellationToken = default)
    {
        var root = await source.GetManifestAsync(identifier, cancellationToken).ConfigureAwait(false);
        await CopyManifestAsync(source, root, target, targetTag, cancellationToken).ConfigureAwait(false);
        return root.Descriptor;
    }

    /// <summary>Copies a manifest already read from <paramref name="source"/>, with everything it points at.</summary>
    public async Task CopyManifestAsync(IImageSource source, Manifest manifest, IImageTarget target, string? targetTag,
        CancellationToken cancellationToken = default)
    {
        await CopyContentsAsync(source, manifest, target, cancellationToken).ConfigureAwait(false);
        await target.PutManifestAsync(manifest, targetTag, cancellationToken).ConfigureAwait(false);
        Statistics.ManifestCopied();
    }

    private async Task CopyContentsAsync(IImageSource source, Manifest manifest, IImageTarget target, CancellationToken cancellationToken)
    {
        if (manifest.IsIndex)
        {
            var children = manifest.AsIndex().Manifests;
            await Task.WhenAll(children.Select(child => CopyChildAsync(source, child, target, cancellationToken))).ConfigureAwait(false);
            return;
        }
        var image = manifest.AsImage();
        var blobs = new List<Descriptor>(image.Layers.Count + 1) { image.Config };
        blobs.AddRange(image.Layers.Where(IsDistributable));
        await Task.WhenAll(blobs.Select(blob => CopyBlobOnceAsync(source, blob, target, cancellationToken))).ConfigureAwait(false);
    }

    private async Task CopyChildAsync(IImageSource source, Descriptor child, IImageTarget target, CancellationToken cancellationToken)
    {
        if (!MediaTypes.IsManifest(child.MediaType))
        {
            // Index entries that are not manifests (artifacts' blobs) are copied as blobs.
            await CopyBlobOnceAsync(source, child, target, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (await target.HasManifestAsync(child, cancellationToken).ConfigureAwait(false))
        {
            Statistics.ManifestSkipped();
            return;
        }
        var manifest = await source.GetManifestAsync(child.Digest.ToString(), cancellationToken).ConfigureAwait(false);
        if (manifest.Bytes.Length != child.Size)
            throw new DigestMismatchException($"{source.Location}@{child.Digest}: manifest has {manifest.Bytes.Length} bytes, the index says {child.Size}");
        await CopyManifestAsync(source, manifest, target, null, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsDistributable(Descriptor layer) =>
        !(layer.Urls is { Count: > 0 }
          && (layer.MediaType == MediaTypes.DockerForeignLayer || layer.MediaType.Contains(".nondistributable.", StringComparison.Ordinal)));

    private Task CopyBlobOnceAsync(IImageSource source, Descriptor blob, IImageTarget target, CancellationToken cancellationToken)
    {
        var key = (target, blob.Digest);
        Lazy<Task>? lazy = null;
        lazy = _blobs.GetOrAdd(key, _ => new Lazy<Task>(() => CopyBlobAsync(source, blob, target, cancellationToken)
            .ContinueWith(t =>
            {
                // A failed transfer must not poison later copies of the same blob.
                if (!t.IsCompletedSuccessfully)
                    _blobs.TryRemove(new KeyValuePair<(IImageTarget, Digest), Lazy<Task>>(key, lazy!));
                return t;
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap()));
        return lazy.Value;
    }

    private async Task CopyBlobAsync(IImageSource source, Descriptor blob, IImageTarget target, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await target.HasBlobAsync(blob, cancellationToken).ConfigureAwait(false))
            {
                Statistics.BlobSkipped();
            }
            else if (await target.TryMountBlobAsync(blob, source, cancellationToken).ConfigureAwait(false))
            {
                Statistics.BlobMounted();
            }
            else
            {
                for (int attempt = 0; ; attempt++)
                {
                    try
                    {
                        await using var opened = await source.OpenBlobAsync(blob, cancellationToken).ConfigureAwait(false);
                        Stream content = opened;
                        if (BytesMoved is { } report)
                        {
                            if (opened is VerifyingStream verifying)
                                verifying.Progress = report;
                            else
                                content = new CountingStream(opened, report);
                        }
                        await target.PutBlobAsync(blob, content, cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    catch (Exception e) when (attempt < _blobRetries && TransientFailure.Is(e) && !cancellationToken.IsCancellationRequested)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(200 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
                    }
                }
                Statistics.BlobCopied(blob.Size);
            }
        }
        finally
        {
            _slots.Release();
        }
        BlobDone?.Invoke(blob);
    }
}
