using Hull.Oci.Storage;
using Hull.Bundles.Contents;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Locks;
using Hull.Oci.Manifests;
using Hull.Oci.References;

namespace Hull.Bundles.Operations;

/// <summary>What to push: files as one layer, as a bundle (with <c>.imgpkg</c>) or a plain image.</summary>
/// <param name="Target">Where to push (registry reference or <c>oci:PATH:TAG</c>).</param>
/// <param name="Files">The files and how to archive them.</param>
/// <param name="Bundle">True for <c>-b</c>: validate <c>.imgpkg</c> and set the bundle label.</param>
/// <param name="Labels">Extra config labels (<c>-l KEY=VALUE</c>).</param>
public sealed record PushRequest(ImageLocation Target, LayerOptions Files, bool Bundle, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>Told the manifest digest before anything is uploaded; throwing stops the push with nothing written.</summary>
    public Func<Digest, CancellationToken, Task>? BeforeUpload { get; init; }
}

/// <summary>What a push stored.</summary>
/// <param name="DigestReference"><c>REPO@sha256:…</c>.</param>
/// <param name="Digest">The manifest digest.</param>
/// <param name="Tag">The tag it was pushed under.</param>
public sealed record PushResult(string DigestReference, Digest Digest, string Tag);

/// <summary>imgpkg's <c>push</c>: one deterministic layer, a config with the bundle label, a Docker v2 manifest.</summary>
public static class BundlePusher
{
    /// <summary>The time imgpkg (through go-containerregistry) writes for a zero timestamp.</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    /// <summary>Validates, archives and uploads; <paramref name="log"/> receives imgpkg's <c>dir:</c>/<c>file:</c> lines.</summary>
    public static async Task<PushResult> PushAsync(IImageStores stores, PushRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        if (request.Target.Digest is not null)
        {
            throw new BundleException($"Pushing to '{request.Target}': a push needs a tag, not a digest");
        }
        string tag = request.Target.Tag ?? ImageReference.DefaultTag;
        var target = request.Target.WithTag(tag);
        if (request.Bundle)
        {
            ValidateBundleDirectory(request.Files.Paths);
        }
        else if (FindImgpkgDirs(request.Files.Paths).Count > 0)
        {
            throw new BundleException("Images cannot be pushed with '.imgpkg' directories, consider using --bundle (-b) option");
        }

        using var layer = await LayerBuilder.BuildAsync(request.Files, log, Path.GetTempPath(), cancellationToken).ConfigureAwait(false);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in request.Labels)
        {
            labels[k] = v;
        }
        if (request.Bundle)
        {
            labels[ImageConfig.BundleLabel] = "true";
        }
        var (manifest, config) = BuildImage(layer, labels);
        if (request.BeforeUpload is { } check)
        {
            await check(manifest.Digest, cancellationToken).ConfigureAwait(false);
        }

        var store = stores.OpenStore(target, forWrite: true);
        try
        {
            var layerDescriptor = manifest.AsImage().Layers[0];
            if (!await store.HasBlobAsync(layerDescriptor, cancellationToken).ConfigureAwait(false))
            {
                await using var stream = new FileStream(layer.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
                await store.PutBlobAsync(layerDescriptor, stream, cancellationToken).ConfigureAwait(false);
            }
            var configDescriptor = manifest.AsImage().Config;
            if (!await store.HasBlobAsync(configDescriptor, cancellationToken).ConfigureAwait(false))
            {
                await store.PutBlobAsync(configDescriptor, new MemoryStream(config), cancellationToken).ConfigureAwait(false);
            }
            await store.PutManifestAsync(manifest, tag, cancellationToken).ConfigureAwait(false);
        }
        catch (Hull.Oci.OciException ex)
        {
            throw new BundleException($"Pushing '{target}': {ex.Message}", ex);
        }
        return new PushResult(target.DigestReference(manifest.Digest), manifest.Digest, tag);
    }

    /// <summary>The manifest and config bytes for a single-layer image with the given labels.</summary>
    public static (Manifest Manifest, byte[] Config) BuildImage(LayerFile layer, IReadOnlyDictionary<string, string> labels)
    {
        var config = new ImageConfig
        {
            Created = ZeroTime,
            History = [new HistoryEntry { Created = ZeroTime, CreatedBy = "imgpkg", Author = "imgpkg" }],
            RootFs = new RootFs { DiffIds = [layer.DiffId] },
            Config = new ContainerConfig { Labels = labels.Count > 0 ? labels : null },
        };
        byte[] configBytes = OciJson.Serialize(config);
        var manifest = Manifest.From(new ImageManifest
        {
            MediaType = MediaTypes.DockerManifest,
            Config = Descriptor.For(MediaTypes.DockerConfig, configBytes),
            Layers = [new Descriptor { MediaType = MediaTypes.DockerLayer, Size = layer.Size, Digest = Digest.Parse(layer.Digest) }],
        });
        return (manifest, configBytes);
    }

    /// <summary>imgpkg's bundle checks: exactly one <c>.imgpkg</c>, directly under an input directory, holding a valid images.yml.</summary>
    public static void ValidateBundleDirectory(IReadOnlyList<string> paths)
    {
        var dirs = FindImgpkgDirs(paths);
        if (dirs.Count != 1)
        {
            throw new BundleException(dirs.Count == 0
                ? $"This directory is not a bundle. It is missing {BundleFiles.ImagesLockPath}"
                : $"This directory contains multiple bundle definitions. Only a single instance of {BundleFiles.ImagesLockPath} can be provided and instead these were provided {string.Join(", ", dirs)}");
        }
        string dir = dirs[0];
        if (!paths.Any(p => Path.GetDirectoryName(dir) == Path.GetFullPath(p).TrimEnd(Path.DirectorySeparatorChar)))
        {
            throw new BundleException($"Expected '.imgpkg' directory, to be a direct child of one of: {string.Join(", ", paths)}; was {dir}");
        }
        string lockPath = Path.Combine(dir, "images.yml");
        if (!File.Exists(lockPath))
        {
            throw new BundleException($"The bundle expected .imgpkg/images.yml to exist, but it wasn't found in the path {lockPath}");
        }
        LockYaml.ParseImagesLock(File.ReadAllBytes(lockPath), lockPath);
        string metadata = Path.Combine(dir, "bundle.yml");
        if (File.Exists(metadata))
        {
            LockYaml.ParseBundleMetadata(File.ReadAllBytes(metadata), metadata);
        }
    }

    private static List<string> FindImgpkgDirs(IReadOnlyList<string> paths)
    {
        var found = new List<string>();
        foreach (string path in paths)
        {
            if (!Directory.Exists(path))
            {
                continue;
            }
            var root = new DirectoryInfo(path);
            if (root.Name == BundleFiles.ImgpkgDir)
            {
                found.Add(root.FullName.TrimEnd(Path.DirectorySeparatorChar));
            }
            foreach (var dir in root.EnumerateDirectories(BundleFiles.ImgpkgDir, new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                found.Add(dir.FullName);
            }
        }
        return found;
    }
}
