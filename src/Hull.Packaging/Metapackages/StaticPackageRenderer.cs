using Hull.Oci.Storage;
using Hull.Bundles.Images;
using Hull.Oci.References;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Metapackages;

/// <summary>
/// Renders packages whose configuration is plain YAML (the "static packages" of the Linux package workflow): reads
/// the files under the Package's ytt paths straight from its bundle. A file with ytt template code is an error
/// naming it, since rendering it needs the template engine.
/// </summary>
public sealed class StaticPackageRenderer(IImageStores stores, IReadOnlyList<RepositoryContents> repositories)
{
    /// <summary>Renders one package version.</summary>
    public async Task<IReadOnlyList<IResource>> RenderAsync(RepositoryPackage package, CancellationToken cancellationToken)
    {
        var contents = repositories.FirstOrDefault(r => r.PackageNames.Contains(package.RefName, StringComparer.Ordinal));
        string? image = contents is null ? null : await contents.LocateBundleAsync(package, stores, cancellationToken).ConfigureAwait(false);
        if (image is null)
        {
            throw new PackageTreeException($"{package.RefName} {package.Version}: no imgpkgBundle to fetch its configuration from");
        }
        var paths = (package.Package.Spec.Template?.Spec?.Template ?? [])
            .SelectMany(t => t.Ytt?.Paths ?? [])
            .Select(p => p.Trim('/'))
            .Where(p => p is not ("" or "-" or "."))
            .ToList();
        bool Wanted(string path) =>
            (path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal))
            && !path.StartsWith(".imgpkg/", StringComparison.Ordinal)
            && (paths.Count == 0 || paths.Any(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal)));
        var bundle = await FetchedImage.FetchAsync(stores, ImageLocation.Parse(image), cancellationToken).ConfigureAwait(false);
        var files = await BundleLayerFiles.ReadAsync(bundle, Wanted, cancellationToken).ConfigureAwait(false);
        var resources = new List<IResource>();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            string where = $"{file.Path} of {package.RefName} {package.Version} ({bundle.DigestReference})";
            if (file.Text.Split('\n').Any(l => l.TrimStart().StartsWith("#@", StringComparison.Ordinal)))
            {
                throw new PackageTreeException($"{where}: ytt template code; rendering templated packages needs the template engine (static packages only for now)");
            }
            try
            {
                resources.AddRange(ResourceYaml.Read(file.Text, where).Documents.Select(d => d.Resource));
            }
            catch (ResourceException ex)
            {
                throw new PackageTreeException(ex.Message);
            }
        }
        return resources;
    }
}
