using Hull.Bundles.Contents;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Locks;
using Hull.Oci.Layers;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Bundles.Operations;

/// <summary>What a pull should fetch.</summary>
/// <param name="Source">The bundle or image location.</param>
/// <param name="ExpectBundle">True for <c>-b</c>/<c>--lock</c> with a BundleLock, false for <c>-i</c>.</param>
/// <param name="OutputDirectory">Where the files go; replaced as a whole, never left half-written.</param>
/// <param name="Recursive">Also pull nested bundles into <c>.imgpkg/bundles/sha256-HEX</c>.</param>
/// <param name="Concurrency">How many images to look at at once.</param>
public sealed record PullRequest(ImageLocation Source, bool ExpectBundle, string OutputDirectory, bool Recursive, int Concurrency = 5)
{
    /// <summary><c>--registry-retry-count</c>: how often a layer whose download broke off, stalled or was cut short is fetched again.</summary>
    public int BlobRetries { get; init; } = 2;
}

/// <summary>imgpkg's <c>pull</c>: extract the image's layers; for a bundle, rewrite its ImagesLock when copied.</summary>
public static class BundlePuller
{
    /// <summary>Pulls into a temporary sibling of the output directory, then renames it into place.</summary>
    public static async Task PullAsync(IImageStores stores, PullRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        CheckOutput(request.OutputDirectory);
        var root = await FetchedImage.FetchAsync(stores, request.Source, cancellationToken).ConfigureAwait(false);
        if (root.Manifest.IsIndex)
        {
            throw new BundleException($"Pulling '{request.Source}': it is an image index; pull one of its images by digest");
        }
        bool isBundle = await root.IsBundleAsync(cancellationToken).ConfigureAwait(false);
        if (request.ExpectBundle && !isBundle)
        {
            throw new BundleException($"Pulling '{request.Source}': Expected bundle image but found plain image (hint: Did you use -i instead of -b?)");
        }
        if (!request.ExpectBundle && isBundle)
        {
            throw new BundleException($"Pulling '{request.Source}': Expected bundle flag when pulling a bundle (hint: Use -b instead of -i for bundles)");
        }

        string output = Path.GetFullPath(request.OutputDirectory);
        string parent = Path.GetDirectoryName(output) ?? throw new BundleException($"Pulling into '{request.OutputDirectory}': not a directory path");
        Directory.CreateDirectory(parent);
        // What a killed pull into the same folder left behind goes first.
        TempNames.RemoveAbandoned(parent, $".{Path.GetFileName(output)}.hull-");
        string temp = Path.Combine(parent, TempNames.For($".{Path.GetFileName(output)}.hull-"));
        Directory.CreateDirectory(temp);
        try
        {
            if (!isBundle)
            {
                log($"Pulling image '{root.DigestReference}'");
                await ExtractAsync(root, temp, "  ", request.BlobRetries, log, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var graph = await BundleGraph.ReadAsync(stores, root, request.Recursive, request.Concurrency, cancellationToken).ConfigureAwait(false);
                var written = new HashSet<Digest> { root.Digest };
                await PullBundleAsync(graph, temp, "", request, written, log, cancellationToken).ConfigureAwait(false);
                log("");
                log("Locating image lock file images...");
                log(graph.Relocated
                    ? $"The bundle repo ({root.Repository}) is hosting every image specified in the bundle's Images Lock file (.imgpkg/images.yml)"
                    : "One or more images not found in bundle repo; skipping lock file update");
            }
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
            Directory.Move(temp, output);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>
    /// Refuses an output folder whose replacement would delete the user's work, as imgpkg does for <c>.</c> and
    /// <c>..</c>: the file system root, and any folder that is or contains the current folder.
    /// </summary>
    public static void CheckOutput(string outputDirectory)
    {
        if (outputDirectory.Length == 0)
        {
            throw new BundleException("Expected --output to be non-empty");
        }
        string output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        string current = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Environment.CurrentDirectory));
        if (Path.GetDirectoryName(output) is null || output == current || current.StartsWith(output + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new BundleException($"Disallowed output directory '{outputDirectory}' (trying to avoid accidental deletion): pulling replaces it, and it is {(Path.GetDirectoryName(output) is null ? "the file system root" : "or contains the current folder")}");
        }
    }

    private static async Task PullBundleAsync(BundleNode node, string root, string bundlePath, PullRequest request, HashSet<Digest> written, Action<string> log, CancellationToken cancellationToken)
    {
        string indent = bundlePath.Length == 0 ? "" : "  ";
        log(bundlePath.Length == 0 ? $"Pulling bundle '{node.Image.DigestReference}'" : $"{indent}Pulling nested bundle '{node.Image.DigestReference}'");
        string dir = Path.Combine(root, bundlePath);
        Directory.CreateDirectory(dir);
        await ExtractAsync(node.Image, dir, indent + "  ", request.BlobRetries, log, cancellationToken).ConfigureAwait(false);
        if (node.Relocated)
        {
            string lockPath = Path.Combine(dir, BundleFiles.ImagesLockPath);
            await File.WriteAllBytesAsync(lockPath, LockYaml.Emit(node.RelocatedLock()), cancellationToken).ConfigureAwait(false);
        }
        if (!request.Recursive)
        {
            return;
        }
        bool header = false;
        foreach (var nested in node.Nested)
        {
            if (bundlePath.Length == 0 && !header)
            {
                log("");
                log("Nested bundles");
                header = true;
            }
            if (!written.Add(nested.Image.Digest))
            {
                log($"{indent}  Pulling nested bundle '{nested.Image.DigestReference}'");
                log($"{indent}  Skipped, already downloaded");
                continue;
            }
            string nestedPath = Path.Combine(BundleFiles.BundlesDir, nested.Image.Digest.ToString().Replace(':', '-'));
            await PullBundleAsync(nested, root, nestedPath, request, written, log, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Extracts every layer of <paramref name="image"/> into <paramref name="directory"/>, verifying each blob. A layer
    /// whose download broke off is fetched and extracted again, up to <paramref name="retries"/> times: extracting
    /// a layer twice leaves what extracting it once does, since each entry replaces what its path held.
    /// </summary>
    public static async Task ExtractAsync(FetchedImage image, string directory, string indent, int retries, Action<string> log, CancellationToken cancellationToken)
    {
        var layers = image.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            log($"{indent}Extracting layer '{layers[i].Descriptor.Digest}' ({i + 1}/{layers.Count})");
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    await ExtractLayerAsync(image, layers[i], directory, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (attempt < retries && TransientFailure.Is(e) && !cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
                }
                catch (Hull.Oci.OciException ex)
                {
                    throw new BundleException($"Pulling '{image.DigestReference}': layer {layers[i].Descriptor.Digest}: {ex.Message}", ex);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    throw new BundleException($"Pulling '{image.DigestReference}': layer {layers[i].Descriptor.Digest}: the download broke off {attempt + 1} time(s): {ex.Message}", ex);
                }
            }
        }
    }

    private static async Task ExtractLayerAsync(FetchedImage image, ImageLayer layer, string directory, CancellationToken cancellationToken)
    {
        var opened = await layer.OpenUncompressedAsync(cancellationToken).ConfigureAwait(false);
        await using (opened.ConfigureAwait(false))
        {
            try
            {
                await LayerExtractor.ExtractAsync(opened.Tar, directory, cancellationToken).ConfigureAwait(false);
                await opened.DrainAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or BundleException { InnerException: InvalidDataException or EndOfStreamException or FormatException })
            {
                // A layer that does not decompress is most often one whose bytes are not those its digest names:
                // reading the rest lets the verifying stream say so, which is the error worth reporting.
                if (await CorruptLayer.DigestProblemAsync(opened.Blob, cancellationToken).ConfigureAwait(false) is { } mismatch)
                {
                    throw new BundleException($"Pulling '{image.DigestReference}': layer {layer.Descriptor.Digest}: {mismatch.Message}", mismatch);
                }
                throw new BundleException($"Pulling '{image.DigestReference}': layer {layer.Descriptor.Digest} is not a valid gzip tar: {ex.Message}", ex);
            }
        }
    }
}
