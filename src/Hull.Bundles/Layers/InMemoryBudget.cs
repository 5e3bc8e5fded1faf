using System.Formats.Tar;

namespace Hull.Bundles.Layers;

/// <summary>
/// Reads tar entries of a layer into memory under a decompressed-size budget, so a small layer that inflates to
/// gigabytes (a decompression bomb) is refused with a clear error instead of exhausting memory. Only metadata and
/// package files are read this way (ImagesLock, bundle.yml, repository and package YAML); extracted files stream to disk.
/// </summary>
/// <param name="what">Names the image in errors.</param>
/// <param name="maxFileBytes">The largest one file may be once decompressed.</param>
/// <param name="maxTotalBytes">The most all files read through this budget may add up to.</param>
public sealed class InMemoryBudget(string what, long maxFileBytes = InMemoryBudget.DefaultMaxFileBytes, long maxTotalBytes = InMemoryBudget.DefaultMaxTotalBytes)
{
    /// <summary>32 MiB: an ImagesLock of a hundred thousand images is a few MiB.</summary>
    public const long DefaultMaxFileBytes = 32L << 20;

    /// <summary>256 MiB for all the files of one bundle read into memory.</summary>
    public const long DefaultMaxTotalBytes = 256L << 20;

    private long _used;

    /// <summary>The entry's content; throws <see cref="BundleException"/> when it exceeds the budget, before reading any of it.</summary>
    public async Task<byte[]> ReadAsync(TarEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Length > maxFileBytes)
        {
            throw new BundleException($"{what}: '{entry.Name}' is {entry.Length} bytes once decompressed, more than the {maxFileBytes} bytes Hull reads into memory (a decompression bomb?)");
        }
        if (_used + entry.Length > maxTotalBytes)
        {
            throw new BundleException($"{what}: the files read into memory exceed {maxTotalBytes} bytes once decompressed at '{entry.Name}' (a decompression bomb?)");
        }
        _used += entry.Length;
        byte[] bytes = new byte[entry.Length];
        if (entry.DataStream is not null)
        {
            await entry.DataStream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        return bytes;
    }
}
