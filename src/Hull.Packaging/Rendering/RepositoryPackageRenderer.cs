using Hull.Oci.Storage;
using Hull.Bundles.Images;
using Hull.Packaging.Repositories;

namespace Hull.Packaging.Rendering;

/// <summary>
/// Renders a repository's package version end to end: finds its bundle (next to a copied repository first, as
/// kapp-controller does through the repository's ImagesLock), fetches it once, runs the template steps.
/// </summary>
/// <param name="stores">Where bundles are fetched from.</param>
/// <param name="repositories">The repositories, in order.</param>
/// <param name="renderer">Runs the template steps.</param>
/// <param name="cacheDirectory">Keeps bundles fetched by digest between runs (null: memory only).</param>
public sealed class RepositoryPackageRenderer(IImageStores stores, IReadOnlyList<RepositoryContents> repositories, PackageRenderer renderer, string? cacheDirectory = null)
{
    private readonly PackageBundleFetcher _fetcher = new(stores, cacheDirectory);

    /// <summary>Where <paramref name="package"/>'s bundle is fetched from now, by digest when the Package names one.</summary>
    public async Task<string> LocateAsync(RepositoryPackage package, CancellationToken cancellationToken)
    {
        var contents = repositories.FirstOrDefault(r => r.Packages.Contains(package)) ?? repositories.FirstOrDefault(r => r.PackageNames.Contains(package.RefName, StringComparer.Ordinal));
        string? image = contents is null
            ? package.Package.Spec.Template?.Spec?.Fetch?.Select(f => f.ImgpkgBundle?.Image).FirstOrDefault(i => i is not null)
            : await contents.LocateBundleAsync(package, stores, cancellationToken).ConfigureAwait(false);
        return image ?? throw new PackageRenderException($"{package.RefName} {package.Version}: its Package has no imgpkgBundle to fetch");
    }

    /// <summary>Fetches the package's bundle.</summary>
    public async Task<PackageBundle> FetchAsync(RepositoryPackage package, CancellationToken cancellationToken) =>
        await _fetcher.FetchAsync(await LocateAsync(package, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Fetches and renders <paramref name="package"/> with <paramref name="values"/>.</summary>
    public Task<RenderedPackage> RenderAsync(RepositoryPackage package, IReadOnlyList<PackageValues> values, CancellationToken cancellationToken) =>
        RenderAsync(package, values, null, cancellationToken);

    /// <summary>Fetches and renders <paramref name="package"/> with <paramref name="values"/> as the App <paramref name="app"/> (downward API values).</summary>
    public async Task<RenderedPackage> RenderAsync(RepositoryPackage package, IReadOnlyList<PackageValues> values, AppIdentity? app, CancellationToken cancellationToken)
    {
        var bundle = await FetchAsync(package, cancellationToken).ConfigureAwait(false);
        return await renderer.RenderAsync(package.Package, bundle, values, app, cancellationToken).ConfigureAwait(false);
    }
}
