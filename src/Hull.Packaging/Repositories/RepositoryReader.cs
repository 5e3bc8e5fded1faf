using Hull.Oci.Storage;
using Hull.Bundles;
using Hull.Bundles.Contents;
using Hull.Bundles.Images;
using Hull.Bundles.Locks;
using Hull.Oci.References;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Yaml;

namespace Hull.Packaging.Repositories;

/// <summary>
/// Reads a package repository (a folder, or a repository bundle in a registry or an OCI layout) and checks it as
/// kapp-controller would: only Packages and PackageMetadatas in <c>packages/</c>, names of the form
/// <c>&lt;refName&gt;.&lt;version&gt;</c>, semver versions, no duplicates. Every problem is reported at once.
/// </summary>
public static class RepositoryReader
{
    /// <summary>Reads a repository folder (the root holding <c>packages/</c> and <c>.imgpkg/</c>).</summary>
    public static async Task<RepositoryContents> ReadDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        string root = Path.GetFullPath(directory);
        string packages = Path.Combine(root, RepositoryLayout.PackagesDir);
        if (!Directory.Exists(packages))
        {
            throw new RepositoryException(directory, [Directory.Exists(root)
                ? $"no {RepositoryLayout.PackagesDir}/ folder (a repository holds packages/<name>/<version>.yml files)"
                : "no such folder"]);
        }
        var files = new List<RepositoryFile>();
        foreach (string path in Directory.EnumerateFiles(packages, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (RepositoryLayout.IsPackageFile(relative))
            {
                files.Add(new RepositoryFile(relative, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)));
            }
        }
        string lockPath = Path.Combine(root, BundleFiles.ImagesLockPath);
        if (File.Exists(lockPath))
        {
            files.Add(new RepositoryFile(BundleFiles.ImagesLockPath, await File.ReadAllTextAsync(lockPath, cancellationToken).ConfigureAwait(false)));
        }
        return Read(directory, files);
    }

    /// <summary>Reads a repository bundle straight from its layers (a registry reference or <c>oci:PATH[:TAG]</c>).</summary>
    public static async Task<RepositoryContents> ReadBundleAsync(IImageStores stores, ImageLocation location, CancellationToken cancellationToken) =>
        await ReadBundleAsync(await FetchedImage.FetchAsync(stores, location, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a repository bundle already fetched (so a verified digest is the one read).</summary>
    public static async Task<RepositoryContents> ReadBundleAsync(FetchedImage image, CancellationToken cancellationToken)
    {
        if (image.Manifest.IsIndex || !await image.IsBundleAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new RepositoryException(image.Location.ToString()!, ["not an imgpkg bundle (a package repository is pushed as a bundle: hull bundle push -b REF -f DIR)"]);
        }
        var files = await BundleLayerFiles.ReadAsync(image, p => RepositoryLayout.IsPackageFile(p) || p == BundleFiles.ImagesLockPath, cancellationToken).ConfigureAwait(false);
        return Read(image.DigestReference, files, image.Location.WithDigest(image.Digest));
    }

    /// <summary>Reads a repository from its files; <paramref name="origin"/> names it in messages.</summary>
    /// <exception cref="RepositoryException">Every problem found, each naming the file, document and field.</exception>
    public static RepositoryContents Read(string origin, IEnumerable<RepositoryFile> files) => Read(origin, files, bundle: null);

    private static RepositoryContents Read(string origin, IEnumerable<RepositoryFile> files, ImageLocation? bundle)
    {
        var problems = new List<string>();
        var warnings = new List<string>();
        var packages = new Dictionary<(string, string), RepositoryPackage>();
        var metadata = new Dictionary<string, RepositoryMetadata>(StringComparer.Ordinal);
        ImagesLock? imagesLock = null;
        bool anyPackageFile = false;

        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (file.Path == BundleFiles.ImagesLockPath)
            {
                try
                {
                    imagesLock = LockYaml.ParseImagesLock(System.Text.Encoding.UTF8.GetBytes(file.Text), file.Path);
                }
                catch (BundleException ex)
                {
                    problems.Add(ex.Message);
                }
                continue;
            }
            anyPackageFile = true;
            if (TemplateLine(file.Text) is int line)
            {
                problems.Add($"{file.Path}:{line}: ytt template code ('#@'); kapp-controller templates repository files with ytt, which Hull does not do for repositories yet: render the file first");
                continue;
            }
            ResourceDocuments read;
            try
            {
                read = ResourceYaml.Read(file.Text, file.Path);
            }
            catch (ResourceException ex)
            {
                problems.Add(ex.Message);
                continue;
            }
            warnings.AddRange(read.Warnings);
            // A file holding just one resource can be reused verbatim when the repository is released again.
            string? singleText = read.Documents.Count == 1 ? file.Text : null;
            foreach (var document in read.Documents)
            {
                Check(file.Path, document, singleText, packages, metadata, problems);
            }
        }

        if (!anyPackageFile && problems.Count == 0)
        {
            warnings.Add($"no package files under {RepositoryLayout.PackagesDir}/");
        }
        foreach (var missing in packages.Values.Select(p => p.RefName).Distinct(StringComparer.Ordinal).Where(n => !metadata.ContainsKey(n)))
        {
            var first = packages.Values.First(p => p.RefName == missing);
            warnings.Add($"{first.File}: package '{missing}' has no PackageMetadata (tools list it without a description)");
        }
        CheckLock(imagesLock, packages.Values, warnings);
        if (problems.Count > 0)
        {
            throw new RepositoryException(origin, problems);
        }
        return new RepositoryContents(origin, packages.Values, metadata, imagesLock, warnings, bundle);
    }

    private static void Check(
        string file,
        ResourceDocument document,
        string? singleText,
        Dictionary<(string, string), RepositoryPackage> packages,
        Dictionary<string, RepositoryMetadata> metadata,
        List<string> problems)
    {
        var resource = document.Resource;
        string Problem(string field, string problem) =>
            new ResourceException(file, new Position(file, document.LineOf(field)), document.Document, $"{resource.Kind} {resource.Metadata.Name}".TrimEnd(), field, problem).Message;

        switch (resource)
        {
            case Package package:
                var packageProblems = PackageRules.Check(package);
                if (packageProblems.Count > 0)
                {
                    problems.AddRange(packageProblems.Select(p => Problem(p.Field, p.Problem)));
                    return;
                }
                string refName = package.Spec.RefName!;
                var parsed = RepositoryContents.ParseVersion(package.Spec.Version)!;
                if (packages.TryGetValue((refName, parsed.ToString()), out var existing))
                {
                    problems.Add(Problem("", $"package '{refName}' version '{package.Spec.Version}' is also defined in {existing.File} (document {existing.Document})"));
                    return;
                }
                packages[(refName, parsed.ToString())] = new RepositoryPackage(package, parsed, file, document.Document) { Text = singleText };
                return;
            case PackageMetadata meta:
                string? name = meta.Metadata.Name;
                if (PackageRules.Check(meta) is string nameProblem)
                {
                    problems.Add(Problem("metadata.name", nameProblem));
                    return;
                }
                if (metadata.TryGetValue(name!, out var other))
                {
                    problems.Add(Problem("", $"PackageMetadata '{name}' is also defined in {other.File} (document {other.Document})"));
                    return;
                }
                metadata[name!] = new RepositoryMetadata(meta, file, document.Document) { Text = singleText };
                return;
            default:
                problems.Add(Problem("kind", $"a repository holds only Package and PackageMetadata documents, found {(resource.Kind.Length == 0 ? "a document without kind" : $"{resource.ApiVersion} {resource.Kind}")}"));
                return;
        }
    }

    // imgpkg copy relocates exactly the images in the lock; a package bundle missing from it would stay behind.
    private static void CheckLock(ImagesLock? imagesLock, IEnumerable<RepositoryPackage> packages, List<string> warnings)
    {
        var bundles = packages
            .SelectMany(p => (p.Package.Spec.Template?.Spec?.Fetch ?? []).Select(f => (p, image: f.ImgpkgBundle?.Image)))
            .Where(x => x.image is not null)
            .ToList();
        if (imagesLock is null)
        {
            if (bundles.Count > 0)
            {
                warnings.Add($"no {BundleFiles.ImagesLockPath}: package bundles will not be copied with the repository (imgpkg copy)");
            }
            return;
        }
        var locked = imagesLock.Images.Select(i => i.Image).ToHashSet(StringComparer.Ordinal);
        foreach (var (package, image) in bundles)
        {
            if (!locked.Contains(image!))
            {
                warnings.Add(BundleReferences.DigestOf(image) is not null
                    ? $"{package.File}: bundle '{image}' of {package.Package.Metadata.Name} is not in {BundleFiles.ImagesLockPath}; it will not be copied with the repository"
                    : $"{package.File}: bundle '{image}' of {package.Package.Metadata.Name} is not referenced by digest; lock it (hull resolve) so installs are reproducible");
            }
        }
    }

    private static int? TemplateLine(string text)
    {
        int line = 1;
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            var span = text.AsSpan(start, (end < 0 ? text.Length : end) - start).TrimStart();
            if (span.StartsWith("#@"))
            {
                return line;
            }
            if (end < 0)
            {
                break;
            }
            start = end + 1;
            line++;
        }
        return null;
    }
}
