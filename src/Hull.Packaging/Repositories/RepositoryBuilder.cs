using System.Text;
using Hull.Bundles.Contents;
using Hull.Bundles.Locks;
using Hull.Images.Config;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Repositories;

/// <summary>
/// Assembles a package repository bundle's files in kapp-controller's layout: <c>packages/&lt;refName&gt;/metadata.yml</c>,
/// <c>packages/&lt;refName&gt;/&lt;version&gt;.yml</c>, and <c>.imgpkg/images.yml</c> listing every package bundle by
/// digest so <c>imgpkg copy</c> relocates them with the repository. Released versions are immutable: adding a
/// version that exists with different content is an error.
/// </summary>
public sealed class RepositoryBuilder
{
    private readonly SortedDictionary<string, Entry<PackageMetadata>> _metadata = new(StringComparer.Ordinal);
    private readonly Dictionary<(string RefName, string Version), Entry<Package>> _packages = [];
    private readonly List<string> _problems = [];

    /// <summary>Starts from an existing repository's packages and metadata (to release new versions into it).</summary>
    public RepositoryBuilder AddExisting(RepositoryContents contents)
    {
        foreach (var meta in contents.Metadata.Values)
        {
            _metadata[meta.Metadata.Metadata.Name!] = new(meta.Metadata, $"{contents.Origin}: {meta.File}", meta.File, meta.Text);
        }
        foreach (var package in contents.Packages)
        {
            _packages[(package.RefName, package.Version.ToString())] = new(package.Package, $"{contents.Origin}: {package.File}", package.File, package.Text);
        }
        return this;
    }

    /// <summary>Adds every Package and PackageMetadata of a YAML file; other kinds are problems.</summary>
    public RepositoryBuilder AddFile(string text, string file)
    {
        ResourceDocuments read;
        try
        {
            read = ResourceYaml.Read(text, file);
        }
        catch (ResourceException ex)
        {
            _problems.Add(ex.Message);
            return this;
        }
        foreach (var document in read.Documents)
        {
            string from = $"{file} (document {document.Document})";
            switch (document.Resource)
            {
                case PackageMetadata meta:
                    _metadata[meta.Metadata.Name ?? ""] = new(meta with { Metadata = meta.Metadata with { Namespace = null } }, from);
                    break;
                case Package package:
                    Add(package, from);
                    break;
                default:
                    _problems.Add($"{from}: {document.Resource.Kind} '{document.Resource.Metadata.Name}' does not belong in a repository (only Package and PackageMetadata)");
                    break;
            }
        }
        return this;
    }

    /// <summary>The Package released as <paramref name="refName"/> <paramref name="version"/>, or null.</summary>
    public Package? Find(string refName, string version) =>
        _packages.TryGetValue((refName, RepositoryContents.ParseVersion(version)?.ToString() ?? version), out var entry) ? entry.Resource : null;

    /// <summary>Adds one package version; an existing version must be identical.</summary>
    public RepositoryBuilder Add(Package package, string from)
    {
        string version = RepositoryContents.ParseVersion(package.Spec.Version)?.ToString() ?? package.Spec.Version ?? "";
        var key = (package.Spec.RefName ?? "", version);
        // The repository's namespace is the PackageRepository's: kapp-controller places its packages there.
        var stored = package with { Metadata = package.Metadata with { Namespace = null } };
        if (_packages.TryGetValue(key, out var existing))
        {
            // Re-adding a released version unchanged is harmless; changing it would break installs pinned to it.
            if (ResourceYaml.Emit(existing.Resource with { Metadata = existing.Resource.Metadata with { Namespace = null } }) != ResourceYaml.Emit(stored))
            {
                _problems.Add($"{from}: package '{key.Item1}' version '{package.Spec.Version}' is already released ({existing.From}) with different content; released versions are immutable, release a new version");
            }
            return this;
        }
        _packages[key] = new(stored, from);
        return this;
    }

    /// <summary>The bundle's files in canonical layout, each resource checked with kapp-controller's rules.</summary>
    /// <exception cref="RepositoryException">Every problem found (malformed or duplicate resources, bundles not locked by digest).</exception>
    public IReadOnlyList<RepositoryFile> Build(string origin)
    {
        var problems = new List<string>(_problems);
        var files = new List<RepositoryFile>();
        var locked = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, entry) in _metadata)
        {
            if (PackageRules.Check(entry.Resource) is string problem)
            {
                problems.Add($"{entry.From}: metadata.name: {problem}");
                continue;
            }
            files.Add(entry.File(RepositoryLayout.MetadataPath(name)));
        }
        foreach (var ((refName, version), entry) in _packages.OrderBy(p => p.Key.RefName, StringComparer.Ordinal).ThenBy(p => p.Key.Version, StringComparer.Ordinal))
        {
            var packageProblems = PackageRules.Check(entry.Resource);
            if (packageProblems.Count > 0)
            {
                problems.AddRange(packageProblems.Select(p => $"{entry.From}: {p.Field}: {p.Problem}"));
                continue;
            }
            files.Add(entry.File(RepositoryLayout.PackagePath(refName, version)));
            foreach (var fetch in entry.Resource.Spec.Template?.Spec?.Fetch ?? [])
            {
                if (fetch.ImgpkgBundle?.Image is not string image)
                {
                    continue;
                }
                if (BundleReferences.DigestOf(image) is null)
                {
                    problems.Add($"{entry.From}: spec.template.spec.fetch[].imgpkgBundle.image: '{image}' is not referenced by digest; lock it first (hull resolve -f FILE) so the repository pins exactly what was tested");
                    continue;
                }
                locked.Add(image);
            }
        }
        // kbld.carvel.dev/id as kbld's --imgpkg-lock-output writes it (kctrl package repository release): kapp-controller
        // templates a repository with kbld, which turns each lock entry into an override keyed by that annotation.
        var imagesLock = new ImagesLock
        {
            Images = locked.Select(i => new ImagesLockEntry(i, new Dictionary<string, string> { [KbldConfig.IdAnnotation] = i })).ToList(),
        };
        files.Add(new RepositoryFile(BundleFiles.ImagesLockPath, Encoding.UTF8.GetString(LockYaml.Emit(imagesLock))));
        if (problems.Count > 0)
        {
            throw new RepositoryException(origin, problems);
        }
        return files;
    }

    /// <summary>Writes the files into a new folder beside <paramref name="directory"/>, then moves it into place.</summary>
    public Task<IReadOnlyList<RepositoryFile>> WriteAsync(string directory, CancellationToken cancellationToken) =>
        WriteAsync(directory, directory, cancellationToken);

    /// <summary>As <see cref="WriteAsync(string, CancellationToken)"/>, naming the repository <paramref name="origin"/> in errors.</summary>
    public Task<IReadOnlyList<RepositoryFile>> WriteAsync(string directory, string origin, CancellationToken cancellationToken)
    {
        var files = Build(origin);
        string target = Path.GetFullPath(directory);
        string parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, $".{Path.GetFileName(target)}.hull-{Guid.NewGuid():N}");
        try
        {
            foreach (var file in files)
            {
                string path = Path.Combine(temp, file.Path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                cancellationToken.ThrowIfCancellationRequested();
                // Thousands of small files: synchronous writes cost far less than async ones here.
                File.WriteAllText(path, file.Text);
            }
            // Swap by renames so the folder is always either the old repository or the new one.
            string old = temp + ".old";
            if (Directory.Exists(target))
            {
                Directory.Move(target, old);
            }
            Directory.Move(temp, target);
            if (Directory.Exists(old))
            {
                Directory.Delete(old, recursive: true);
            }
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
        return Task.FromResult<IReadOnlyList<RepositoryFile>>(files);
    }

    // A resource, where it came from, and its file text when it can be reused unchanged at the same path.
    private sealed record Entry<T>(T Resource, string From, string? SourcePath = null, string? SourceText = null)
        where T : class, IResource
    {
        public RepositoryFile File(string path) =>
            new(path, SourceText is not null && SourcePath == path ? SourceText : ResourceYaml.Emit(Resource));
    }
}
