using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hull.Packaging.Available;
using Hull.Packaging.Rendering;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;

namespace Hull.Packaging.Auditing;

/// <summary>A file of a package's bundle.</summary>
/// <param name="Path">Its path in the bundle.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">Its SHA-256, hex.</param>
public sealed record PackageFile(string Path, long Size, string Sha256);

/// <summary>A PackageInstall a package's output holds: what installing the package installs too.</summary>
/// <param name="Name">The PackageInstall's name.</param>
/// <param name="RefName">The package it installs.</param>
/// <param name="Constraints">Its version constraints (an exact version when pinned).</param>
public sealed record PackageDependency(string Name, string RefName, string Constraints);

/// <summary>
/// What a released package holds, for review before it ships: its bundle's files, the images its lock pins, the
/// packages its output installs, its values and its output rendered with default values.
/// </summary>
public sealed record PackageReport(
    string RefName,
    string Version,
    string Bundle,
    IReadOnlyList<PackageFile> Files,
    IReadOnlyList<string> Images,
    IReadOnlyList<PackageDependency> Dependencies,
    IReadOnlyList<ValuesSchemaRow> Values,
    string? Rendered,
    string? RenderError)
{
    /// <summary>
    /// For a package without a values schema that still takes plain data values: the files that set them
    /// (<c>#@data/values</c>) and their top-level keys. Install-time values are then not checked.
    /// </summary>
    public PlainValues? Unchecked { get; init; }

    /// <summary>The bundle's signatures, when they were asked for (<see cref="BundleSignatures.ReadAsync"/>).</summary>
    public BundleSignatures? Signatures { get; init; }

    /// <summary>The bundle's file contents by path (text diffs are made from them).</summary>
    public IReadOnlyDictionary<string, byte[]> Contents { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>Fetches <paramref name="package"/>'s bundle and renders it with no values given.</summary>
    public static async Task<PackageReport> CreateAsync(RepositoryPackage package, RepositoryPackageRenderer renderer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(renderer);
        var bundle = await renderer.FetchAsync(package, cancellationToken).ConfigureAwait(false);
        string? rendered = null;
        string? error = null;
        IReadOnlyList<IResource> resources = [];
        try
        {
            var output = await renderer.RenderAsync(package, [], cancellationToken).ConfigureAwait(false);
            rendered = output.Yaml;
            resources = output.Resources;
        }
        catch (PackageRenderException ex)
        {
            // A package that needs values at install time still has files, images and a schema worth showing.
            error = ex.Message;
        }
        var files = bundle.Files
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new PackageFile(f.Key, f.Value.Length, Convert.ToHexStringLower(SHA256.HashData(f.Value))))
            .ToList();
        var dependencies = resources.OfType<PackageInstall>()
            .Select(i => new PackageDependency(i.Metadata.Name ?? "", i.Spec.PackageRef?.RefName ?? "", i.Spec.PackageRef?.VersionSelection?.Constraints ?? ""))
            .ToList();
        return new PackageReport(
            package.Package.Spec.RefName ?? "",
            package.Version.ToString(),
            bundle.DigestReference,
            files,
            bundle.ImagesLock.Images.Select(i => i.Image).ToList(),
            dependencies,
            ValuesSchemaRows.From(package.Package.Spec.ValuesSchema?.OpenAPIv3),
            rendered,
            error)
        {
            Contents = bundle.Files,
            Unchecked = package.Package.Spec.ValuesSchema is null ? PlainValues.Of(bundle.Files) : null,
        };
    }

    /// <summary>The report as `hull package show` prints it.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"Package:  {RefName} {Version}";
        yield return $"Bundle:   {Bundle}";
        foreach (string line in Signatures?.Lines() ?? [])
        {
            yield return line;
        }
        yield return "Files:";
        foreach (var f in Files)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  {f.Path}  {f.Size} bytes  sha256:{f.Sha256}");
        }
        yield return Images.Count == 0 ? "Images:   none" : "Images:";
        foreach (string image in Images)
        {
            yield return $"  {image}";
        }
        yield return Dependencies.Count == 0 ? "Dependencies: none" : "Dependencies:";
        foreach (var d in Dependencies)
        {
            yield return $"  {d.Name}: {d.RefName} {d.Constraints}";
        }
        yield return Values.Count > 0 ? "Values:"
            : Unchecked is { } plain ? $"Values:   plain data values, no schema (install-time values are not checked): defaults in {string.Join(", ", plain.Files)}; keys: {(plain.Keys.Count == 0 ? "none" : string.Join(", ", plain.Keys))}"
            : "Values:   none (static: nothing to supply at install time)";
        foreach (var v in Values)
        {
            yield return $"  {v.Key}  {v.Type}  default {v.Default}";
        }
        if (RenderError is not null)
        {
            yield return $"Rendered: needs values ({RenderError})";
        }
    }

    /// <summary>A file's text, or null when it is not UTF-8 text.</summary>
    public string? Text(string path)
    {
        if (!Contents.TryGetValue(path, out var bytes))
        {
            return null;
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
