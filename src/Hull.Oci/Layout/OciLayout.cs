using System.Collections.Concurrent;
using System.Text.Json;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Signatures;
using Hull.Oci.Storage;

namespace Hull.Oci.Layout;

/// <summary>
/// An OCI image layout directory (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/ALG/HEX</c>), read and written
/// the way skopeo's <c>oci:PATH:TAG</c> transport does: tags are <c>org.opencontainers.image.ref.name</c>
/// annotations on index.json entries. Blobs are written to a temp file, verified, then renamed into place.
/// </summary>
public sealed class OciLayout : IImageStore
{
    /// <summary>The annotation that names an index.json entry (the tag).</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    private const string MarkerFile = "oci-layout";
    private const string IndexFile = "index.json";
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> IndexLocks = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _indexLock;

    /// <summary>The layout directory (full path).</summary>
    public string Root { get; }

    /// <summary><c>oci:PATH</c>.</summary>
    public string Location => ImageLocation.LayoutPrefix + Root;

    private OciLayout(string root)
    {
        Root = root;
        _indexLock = IndexLocks.GetOrAdd(root, _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>Opens an existing layout; throws when <paramref name="path"/> is not one.</summary>
    public static OciLayout Open(string path)
    {
        string root = Path.GetFullPath(path);
        string marker = Path.Combine(root, MarkerFile);
        if (!File.Exists(marker))
            throw new OciNotFoundException($"oci:{path}: not an OCI image layout (no {MarkerFile} file)");
        LayoutMarker parsed;
        try
        {
            parsed = OciJson.Parse(File.ReadAllBytes(marker), OciJson.Context.LayoutMarker, $"oci:{path}/{MarkerFile}");
        }
        catch (IOException e)
        {
            throw new OciException($"oci:{path}: reading {MarkerFile}: {e.Message}", e);
        }
        if (parsed.ImageLayoutVersion is null || !parsed.ImageLayoutVersion.StartsWith("1.", StringComparison.Ordinal))
            throw new OciException($"oci:{path}: unsupported imageLayoutVersion \"{parsed.ImageLayoutVersion}\"");
        // Blobs and index files a killed writer left half-written.
        TempNames.RemoveAbandoned(root, IndexFile + ".tmp-");
        foreach (string dir in Directory.Exists(Path.Combine(root, "blobs")) ? Directory.GetDirectories(Path.Combine(root, "blobs")) : [])
        {
            TempNames.RemoveAbandoned(dir, ".tmp-");
        }
        return new OciLayout(root);
    }

    /// <summary>Opens the layout at <paramref name="path"/>, creating the directory, marker and empty index if needed.</summary>
    public static OciLayout OpenOrCreate(string path)
    {
        string root = Path.GetFullPath(path);
        if (File.Exists(Path.Combine(root, MarkerFile)))
            return Open(path);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            throw new OciException($"oci:{path}: directory exists, is not empty and is not an OCI image layout");
        Directory.CreateDirectory(Path.Combine(root, "blobs", "sha256"));
        var layout = new OciLayout(root);
        layout.WriteAtomically(Path.Combine(root, IndexFile), OciJson.Serialize(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = [] }));
        layout.WriteAtomically(Path.Combine(root, MarkerFile), """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray());
        return layout;
    }

    /// <summary>Opens or creates the layout a <see cref="LayoutReference"/> names.</summary>
    public static OciLayout For(LayoutReference reference, bool create) =>
        create ? OpenOrCreate(reference.Path) : Open(reference.Path);

    /// <summary>The path of a blob inside the layout.</summary>
    public string BlobPath(Digest digest) => Path.Combine(Root, "blobs", digest.Algorithm, digest.Hex);

    /// <summary>Reads index.json.</summary>
    public async Task<ImageIndex> ReadIndexAsync(CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(Path.Combine(Root, IndexFile), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw new OciException($"{Location}: missing {IndexFile}");
        }
        return OciJson.Parse(bytes, OciJson.Context.ImageIndex, $"{Location}/{IndexFile}");
    }

    /// <summary>The tags (ref.name annotations) of index.json, in order.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken = default)
    {
        var index = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
        return index.Manifests.Select(TagOf).OfType<string>().ToList();
    }

    private static string? TagOf(Descriptor d) => d.Annotations?.GetValueOrDefault(RefNameAnnotation);

    private string Named(string? identifier) =>
        identifier is null ? Location : Digest.TryParse(identifier, out _) ? Location + "@" + identifier : Location + ":" + identifier;

    /// <inheritdoc />
    public async Task<Descriptor> ResolveAsync(string? identifier, CancellationToken cancellationToken = default)
    {
        var index = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
        if (identifier is null)
        {
            // A signed image's .sig (and .att, .sbom) images are tagged beside it: oci:PATH still names the one image.
            var images = index.Manifests.Where(d => TagOf(d) is not { } tag || !SignatureTags.IsAttachmentTag(tag)).ToList();
            return images.Count switch
            {
                1 => images[0],
                0 => throw new OciNotFoundException($"{Location}: the layout holds no images"),
                _ => throw new OciException($"{Location}: the layout holds {images.Count} images; name one with oci:PATH:TAG"),
            };
        }
        if (Digest.TryParse(identifier, out var digest))
        {
            var entry = index.Manifests.FirstOrDefault(d => d.Digest == digest);
            if (entry is not null)
                return entry;
            string path = BlobPath(digest);
            if (!File.Exists(path))
                throw new OciNotFoundException($"{Named(identifier)}: manifest unknown (not found)");
            byte[] bytes = await ReadManifestBlobAsync(path, identifier, cancellationToken).ConfigureAwait(false);
            return Manifest.FromBytes(bytes, null, digest, Named(identifier)).Descriptor;
        }
        return index.Manifests.LastOrDefault(d => TagOf(d) == identifier)
            ?? throw new OciNotFoundException($"{Named(identifier)}: tag not found in {IndexFile}");
    }

    private async Task<byte[]> ReadManifestBlobAsync(string path, string identifier, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (info.Length > 8 * 1024 * 1024)
            throw new OciException($"{Named(identifier)}: manifest blob is larger than 8 MiB");
        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Manifest> GetManifestAsync(string? identifier, CancellationToken cancellationToken = default)
    {
        var descriptor = await ResolveAsync(identifier, cancellationToken).ConfigureAwait(false);
        string path = BlobPath(descriptor.Digest);
        if (!File.Exists(path))
            throw new OciNotFoundException($"{Named(identifier)}: manifest blob {descriptor.Digest} is missing");
        byte[] bytes = await ReadManifestBlobAsync(path, identifier ?? descriptor.Digest.ToString(), cancellationToken).ConfigureAwait(false);
        if (bytes.Length != descriptor.Size)
            throw new DigestMismatchException($"{Named(identifier)}: manifest {descriptor.Digest} has {bytes.Length} bytes, expected {descriptor.Size}");
        return Manifest.FromBytes(bytes, descriptor.MediaType, descriptor.Digest, Named(identifier));
    }

    /// <inheritdoc />
    public Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken = default)
    {
        string path = BlobPath(blob.Digest);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new OciNotFoundException($"{Location}@{blob.Digest}: blob missing ({path})");
        }
        return Task.FromResult<Stream>(new VerifyingStream(file, blob, $"{Location}@{blob.Digest}"));
    }

    /// <inheritdoc />
    public Task<bool> HasBlobAsync(Descriptor blob, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(BlobPath(blob.Digest));
        return Task.FromResult(info.Exists && info.Length == blob.Size);
    }

    /// <inheritdoc />
    public Task<bool> HasManifestAsync(Descriptor manifest, CancellationToken cancellationToken = default) =>
        HasBlobAsync(manifest, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryMountBlobAsync(Descriptor blob, IImageSource from, CancellationToken cancellationToken = default) =>
        Task.FromResult(false);

    /// <inheritdoc />
    public async Task PutBlobAsync(Descriptor blob, Stream content, CancellationToken cancellationToken = default)
    {
        string path = BlobPath(blob.Digest);
        string dir = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, TempNames.For(".tmp-"));
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            await using (var verifying = new VerifyingStream(content, blob, $"writing {Location}@{blob.Digest}", leaveOpen: true))
            {
                await verifying.CopyToAsync(file, 128 * 1024, cancellationToken).ConfigureAwait(false);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <inheritdoc />
    public async Task PutManifestAsync(Manifest manifest, string? tag, CancellationToken cancellationToken = default)
    {
        if (!await HasBlobAsync(manifest.Descriptor, cancellationToken).ConfigureAwait(false))
        {
            using var bytes = new MemoryStream(manifest.Bytes.ToArray(), writable: false);
            await PutBlobAsync(manifest.Descriptor, bytes, cancellationToken).ConfigureAwait(false);
        }
        if (tag is not null)
            await TagAsync(manifest.Descriptor, tag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Points <paramref name="tag"/> at a manifest already in the layout (replacing the tag's previous entry).</summary>
    public Task TagAsync(Descriptor manifest, string tag, CancellationToken cancellationToken = default) =>
        UpdateIndexAsync(entries =>
        {
            entries.RemoveAll(d => TagOf(d) == tag);
            var annotations = new Dictionary<string, string>(manifest.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            {
                [RefNameAnnotation] = tag,
            };
            entries.Add(manifest with { Annotations = annotations });
        }, cancellationToken);

    /// <summary>Adds an untagged index.json entry for a manifest (a no-op if an entry with its digest exists).</summary>
    public Task AddUntaggedAsync(Descriptor manifest, CancellationToken cancellationToken = default) =>
        UpdateIndexAsync(entries =>
        {
            if (!entries.Any(d => d.Digest == manifest.Digest))
                entries.Add(manifest);
        }, cancellationToken);

    private async Task UpdateIndexAsync(Action<List<Descriptor>> change, CancellationToken cancellationToken)
    {
        await _indexLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var index = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
            var entries = index.Manifests.ToList();
            change(entries);
            var updated = index with { Manifests = entries, MediaType = index.MediaType ?? MediaTypes.OciIndex };
            WriteAtomically(Path.Combine(Root, IndexFile), OciJson.Serialize(updated));
        }
        finally
        {
            _indexLock.Release();
        }
    }

    private void WriteAtomically(string path, byte[] bytes)
    {
        string temp = Path.Combine(Path.GetDirectoryName(path)!, TempNames.For(Path.GetFileName(path) + ".tmp-"));
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new OciException($"{Location}: writing {Path.GetFileName(path)}: {e.Message}", e);
        }
    }

    string IImageSource.Location => Location;
    string IImageTarget.Location => Location;
}
