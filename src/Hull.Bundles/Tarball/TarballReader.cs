using System.Text;
using System.Text.Json;
using Hull.Oci;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Bundles.Tarball;

/// <summary>
/// Reads an imgpkg tarball (<c>copy --to-tar</c>): <c>manifest.json</c> lists every image and index with their
/// raw manifests and configs; each layer is the entry <c>sha256-HEX.tar.gz</c>. Serves them as an image source.
/// </summary>
public sealed class TarballReader : IImageSource
{
    private readonly string _path;
    private readonly Dictionary<string, TarIndexEntry> _entries;
    private readonly Dictionary<Digest, (string MediaType, byte[] Raw)> _manifests = [];
    private readonly Dictionary<Digest, byte[]> _configs = [];

    private readonly bool _truncated;

    private TarballReader(string path, Dictionary<string, TarIndexEntry> entries, List<TarballItem> items, bool truncated)
    {
        _path = path;
        _truncated = truncated;
        _entries = entries;
        Items = items;
        foreach (var item in items)
        {
            if (item.Image is { } image)
            {
                AddImage(image);
            }
            if (item.ImageIndex is { } index)
            {
                AddIndex(index);
            }
        }
    }

    /// <summary>The top-level entries of manifest.json (images and indexes with their refs, tags and labels).</summary>
    public IReadOnlyList<TarballItem> Items { get; }

    /// <inheritdoc/>
    public string Location => _path;

    /// <summary>Opens and indexes the tarball at <paramref name="path"/>, rejecting unsafe entry names and a missing manifest.</summary>
    public static TarballReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new BundleException($"Reading tarball '{path}': no such file");
        }
        using var file = File.OpenRead(path);
        var listing = TarIndex.List(file);
        var entries = new Dictionary<string, TarIndexEntry>(StringComparer.Ordinal);
        foreach (var entry in listing.Entries)
        {
            if (entry.Name.Contains("..", StringComparison.Ordinal) || entry.Name.StartsWith('/') || entry.Name.Contains('\\'))
            {
                throw new BundleException($"Reading tarball '{path}': refusing entry '{entry.Name}' (paths must stay inside the archive)");
            }
            entries[entry.Name] = entry;
        }
        if (!entries.TryGetValue(TarballEntryName.Manifest, out var manifestEntry) || !manifestEntry.Complete)
        {
            throw new BundleException($"Reading tarball '{path}': no complete manifest.json (not an imgpkg tarball, or truncated)");
        }
        var bytes = new byte[manifestEntry.Size];
        file.Position = manifestEntry.Offset;
        file.ReadExactly(bytes);
        List<TarballItem>? items;
        try
        {
            items = JsonSerializer.Deserialize(bytes, TarballJsonContext.Default.ListTarballItem);
        }
        catch (JsonException ex)
        {
            throw new BundleException($"Reading tarball '{path}': manifest.json is not valid: {ex.Message}", ex);
        }
        return new TarballReader(path, entries, items ?? [], !listing.Ended);
    }

    /// <summary>True when the layer's entry is present and complete.</summary>
    public bool HasLayer(string digest) => _entries.TryGetValue(TarballEntryName.ForBlob(digest), out var e) && e.Complete;

    /// <inheritdoc/>
    public Task<Descriptor> ResolveAsync(string? identifier, CancellationToken cancellationToken = default)
    {
        if (identifier is not null && Digest.TryParse(identifier, out var digest) && _manifests.TryGetValue(digest, out var m))
        {
            return Task.FromResult(new Descriptor { MediaType = m.MediaType, Size = m.Raw.Length, Digest = digest });
        }
        throw new OciNotFoundException($"tarball '{_path}' has no manifest {identifier}");
    }

    /// <inheritdoc/>
    public async Task<Manifest> GetManifestAsync(string? identifier, CancellationToken cancellationToken = default)
    {
        var descriptor = await ResolveAsync(identifier, cancellationToken).ConfigureAwait(false);
        var (mediaType, raw) = _manifests[descriptor.Digest];
        return Manifest.FromBytes(raw, mediaType, descriptor.Digest, $"manifest {descriptor.Digest} in tarball '{_path}'");
    }

    /// <inheritdoc/>
    public Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken = default)
    {
        string what = $"blob {blob.Digest} in tarball '{_path}'";
        if (_configs.TryGetValue(blob.Digest, out byte[]? config))
        {
            return Task.FromResult<Stream>(new VerifyingStream(new MemoryStream(config), blob, what));
        }
        if (!_entries.TryGetValue(TarballEntryName.ForBlob(blob.Digest.ToString()), out var entry))
        {
            if (_truncated)
            {
                throw new BundleException($"{what}: missing, the tarball is truncated");
            }
            throw new OciNotFoundException($"{what}: not in the tarball (non-distributable layers are only included with --include-non-distributable-layers)");
        }
        if (!entry.Complete)
        {
            throw new BundleException($"{what}: the tarball is truncated");
        }
        var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult<Stream>(new VerifyingStream(new SubStream(file, entry.Offset, entry.Size), blob, what));
    }

    private void AddImage(TarballImage image)
    {
        if (Digest.TryParse(image.Manifest.Digest, out var m))
        {
            _manifests[m] = (image.Manifest.MediaType, Encoding.UTF8.GetBytes(image.Manifest.Raw));
        }
        if (Digest.TryParse(image.Config.Digest, out var c))
        {
            _configs[c] = Encoding.UTF8.GetBytes(image.Config.Raw);
        }
    }

    private void AddIndex(TarballIndex index)
    {
        if (Digest.TryParse(index.Digest, out var d))
        {
            _manifests[d] = (index.MediaType, Encoding.UTF8.GetBytes(index.Raw));
        }
        foreach (var image in index.Images ?? [])
        {
            AddImage(image);
        }
        foreach (var child in index.Indexes ?? [])
        {
            AddIndex(child);
        }
    }
}
