using Hull.Oci.Storage;
using System.Text;
using Hull.Bundles.Contents;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Operations;
using Hull.Images;
using Hull.Images.Output;
using Hull.Images.Resolving;
using Hull.Oci.References;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.App;
using Hull.Packaging.Resources.Serialization;
using Hull.Templating;
using Hull.Templating.DataValues;
using Hull.Templating.Files;
using Hull.Yaml;

namespace Hull.Packaging.Authoring;

/// <summary>
/// <c>hull package release</c>: everything the guide does by hand, in one step. Checks the package folder (config,
/// values schema, version) before anything leaves the machine, locks the images its config names into
/// <c>.imgpkg/images.yml</c> (kbld), pushes the bundle (config/ and .imgpkg/ only), then writes the Package with the
/// bundle locked by digest as <c>kbld -f package.yml</c> would, and the values schema ytt exports for the config.
/// </summary>
public static class PackageReleaser
{
    /// <summary>Releases the package in <paramref name="request"/>'s folder.</summary>
    /// <exception cref="PackageAuthoringException">A bad package folder; the message names the file and field.</exception>
    public static async Task<PackageReleaseResult> ReleaseAsync(
        IImageStores stores,
        IDigestResolver resolver,
        PackageReleaseRequest request,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(request, resolver, cancellationToken).ConfigureAwait(false);

        // Stage exactly the bundle's contents, then push: the tag is the version, put with the manifest, last.
        string staging = Directory.CreateTempSubdirectory("hull-package-release-").FullName;
        try
        {
            CopyDirectory(prepared.ConfigDir, Path.Combine(staging, prepared.ConfigName));
            Directory.CreateDirectory(Path.Combine(staging, BundleFiles.ImgpkgDir));
            await File.WriteAllTextAsync(Path.Combine(staging, BundleFiles.ImagesLockPath), prepared.ImagesLock, cancellationToken).ConfigureAwait(false);
            var target = BundleTarget(request.Bundle, prepared.Version);
            var pushRequest = new PushRequest(target, new LayerOptions([staging], LayerOptions.DefaultExclusions), true, new Dictionary<string, string>())
            {
                BeforeUpload = (digest, _) => CheckImmutable(request, prepared, digest),
            };
            var push = await BundlePusher.PushAsync(stores, pushRequest, log, cancellationToken).ConfigureAwait(false);
            var tagged = target.WithTag(push.Tag).ToString()!;
            var package = await LockBundleAsync(prepared.Package(tagged), resolver, cancellationToken).ConfigureAwait(false);
            // The folder's lock is kept current too, as `kbld --imgpkg-lock-output .imgpkg/images.yml` would leave it.
            string lockPath = Path.Combine(request.Directory, BundleFiles.ImagesLockPath);
            Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
            string temp = lockPath + ".hull-tmp";
            await File.WriteAllTextAsync(temp, prepared.ImagesLock, cancellationToken).ConfigureAwait(false);
            File.Move(temp, lockPath, overwrite: true);
            return new PackageReleaseResult(package, prepared.Metadata, push, prepared.ImagesLock);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static Task CheckImmutable(PackageReleaseRequest request, Prepared prepared, Digest digest)
    {
        if (request.ReleasedBundle is string released && BundleReferences.DigestOf(released) is { } before && before.ToString() != digest.ToString())
        {
            throw new PackageAuthoringException($"package '{prepared.Metadata.Metadata.Name}' version '{prepared.Version}' is already released ({released}) and this bundle's content differs ({digest}); released versions are immutable, release a new version (nothing was pushed)");
        }
        return Task.CompletedTask;
    }

    /// <summary>Where the bundle goes: <paramref name="bundle"/> as written when it names a tag, else tagged with the version (<c>+</c> is not allowed in tags).</summary>
    public static ImageLocation BundleTarget(string bundle, string version)
    {
        string last = bundle[(bundle.LastIndexOf('/') + 1)..];
        bool layout = bundle.StartsWith("oci:", StringComparison.Ordinal);
        bool tagged = layout ? bundle.Count(c => c == ':') > 1 : last.Contains(':', StringComparison.Ordinal) || last.Contains('@', StringComparison.Ordinal);
        try
        {
            return ImageLocation.Parse(tagged ? bundle : $"{bundle}:{version.Replace('+', '_')}");
        }
        catch (ReferenceFormatException ex)
        {
            throw new PackageAuthoringException($"--bundle '{bundle}': {ex.Message}");
        }
    }

    /// <summary>A package folder checked and its images locked, ready to push.</summary>
    /// <param name="Version">The version being released.</param>
    /// <param name="ConfigDir">The full path of the config folder.</param>
    /// <param name="ConfigName">Its name inside the bundle.</param>
    /// <param name="ImagesLock">The ImagesLock text.</param>
    /// <param name="Metadata">The PackageMetadata to write.</param>
    /// <param name="Package">The Package, given the bundle reference.</param>
    public sealed record Prepared(string Version, string ConfigDir, string ConfigName, string ImagesLock, PackageMetadata Metadata, Func<string, Package> Package)
    {
        /// <summary>The config takes plain data values (<c>#@data/values</c>) but has no schema: install-time values go unchecked.</summary>
        public bool ValuesUnchecked { get; init; }
    }

    /// <summary>Checks the folder and locks its images without pushing anything.</summary>
    public static async Task<Prepared> PrepareAsync(PackageReleaseRequest request, IDigestResolver resolver, CancellationToken cancellationToken)
    {
        string dir = request.Directory;
        string packageFile = Path.Combine(dir, PackageScaffold.PackageFile);
        string metadataFile = Path.Combine(dir, PackageScaffold.MetadataFile);
        var draft = Read<Package>(packageFile);
        var metadata = Read<PackageMetadata>(metadataFile);
        string refName = draft.Spec.RefName ?? metadata.Metadata.Name ?? "";
        if (PackageNames.ProblemWithRefName(refName) is string nameProblem)
        {
            throw new PackageAuthoringException($"{packageFile}: spec.refName: {nameProblem}");
        }
        if (metadata.Metadata.Name != refName)
        {
            throw new PackageAuthoringException($"{metadataFile}: metadata.name: '{metadata.Metadata.Name}' differs from {PackageScaffold.PackageFile}'s spec.refName '{refName}'");
        }
        string versionText = request.Version ?? draft.Spec.Version ?? "";
        string versionWhere = request.Version is null ? $"{packageFile}: spec.version" : "--version";
        var version = RepositoryContents.ParseVersion(versionText)
            ?? throw new PackageAuthoringException($"{versionWhere}: '{versionText}' is not a semantic version (e.g. 1.2.3, 1.0.0-rc.1)");
        if (request.Version is null && versionText == PackageScaffold.UnreleasedVersion)
        {
            throw new PackageAuthoringException($"{versionWhere}: {versionText} is the unreleased placeholder; pass --version");
        }

        var spec = draft.Spec.Template?.Spec ?? new AppSpec();
        var yttPaths = spec.Template?.FirstOrDefault(t => t.Ytt is not null)?.Ytt?.Paths ?? [PackageScaffold.ConfigDir + "/"];
        string configName = yttPaths.Select(p => p.Trim('/')).FirstOrDefault(p => p is not ("" or "-" or ".")) ?? PackageScaffold.ConfigDir;
        string configDir = Path.GetFullPath(Path.Combine(dir, configName));
        if (!Directory.Exists(configDir) || !Directory.EnumerateFiles(configDir, "*", SearchOption.AllDirectories).Any())
        {
            throw new PackageAuthoringException($"{dir}: no {configName}/ with configuration ({packageFile}: spec.template.spec.template ytt.paths names '{configName}/'); a package bundle needs its templates");
        }

        var collector = new FileCollector();
        collector.Add(configDir, () => Stream.Null);
        var options = new TemplateOptions();
        Map schema;
        try
        {
            schema = DataValuesInspection.OpenApiSchema(collector.Files, options);
        }
        catch (TemplateException ex)
        {
            throw new PackageAuthoringException($"{configDir}: the data values schema does not compile: {ex.Message}");
        }

        string imagesLock = await LockImagesAsync(configDir, resolver, cancellationToken).ConfigureAwait(false);
        var releasedAt = (request.ReleasedAt ?? DateTimeOffset.UtcNow).ToUniversalTime();
        releasedAt = new DateTimeOffset(releasedAt.Year, releasedAt.Month, releasedAt.Day, releasedAt.Hour, releasedAt.Minute, releasedAt.Second, TimeSpan.Zero);
        var steps = (spec.Template ?? []).ToList();
        if (!steps.Any(s => s.Ytt is not null))
        {
            steps.Insert(0, new AppTemplate { Ytt = new AppTemplateYtt { Paths = [configName + "/"] } });
        }
        if (!steps.Any(s => s.Kbld is not null))
        {
            steps.Add(new AppTemplate { Kbld = new AppTemplateKbld { Paths = ["-", BundleFiles.ImagesLockPath] } });
        }
        var licenses = (draft.Spec.Licenses ?? []).Concat(request.Licenses).Distinct(StringComparer.Ordinal).ToList();
        var maintainers = (metadata.Spec.Maintainers ?? []).Concat(request.Maintainers.Select(m => new Maintainer { Name = m })).DistinctBy(m => m.Name).ToList();
        var releasedMetadata = metadata with
        {
            Spec = metadata.Spec with { Maintainers = maintainers.Count == 0 ? null : maintainers },
        };
        string versionString = version.ToString();
        Package Complete(string bundle) => draft with
        {
            Metadata = draft.Metadata with { Name = PackageNames.PackageName(refName, versionString) },
            Spec = draft.Spec with
            {
                RefName = refName,
                Version = versionString,
                ReleasedAt = releasedAt,
                ReleaseNotes = request.ReleaseNotes ?? draft.Spec.ReleaseNotes,
                Licenses = licenses.Count == 0 ? null : licenses,
                // A config without a data values schema has nothing to describe (ytt exports an empty object).
                ValuesSchema = schema.Find("properties")?.Value is Map { Items.Count: > 0 } ? new ValuesSchema { OpenAPIv3 = schema } : draft.Spec.ValuesSchema,
                Template = new PackageTemplate
                {
                    Spec = spec with
                    {
                        Fetch = [new AppFetch { ImgpkgBundle = new AppFetchImgpkgBundle { Image = bundle } }],
                        Template = steps,
                        Deploy = spec.Deploy is { Count: > 0 } deploy ? deploy : [new AppDeploy { Kapp = new AppDeployKapp() }],
                    },
                },
            },
        };
        bool hasSchema = schema.Find("properties")?.Value is Map { Items.Count: > 0 };
        bool plainValues = !hasSchema && Directory.EnumerateFiles(configDir, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Any(f => Auditing.PlainValues.SetsValues(File.ReadAllBytes(f)));
        return new Prepared(versionString, configDir, configName, imagesLock, releasedMetadata, Complete) { ValuesUnchecked = plainValues };
    }

    // kbld --file config --imgpkg-lock-output .imgpkg/images.yml: every image the config names, resolved to a digest.
    private static async Task<string> LockImagesAsync(string configDir, IDigestResolver resolver, CancellationToken cancellationToken)
    {
        var inputs = new List<DocumentSet>();
        foreach (string file in Directory.EnumerateFiles(configDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!(file.EndsWith(".yml", StringComparison.Ordinal) || file.EndsWith(".yaml", StringComparison.Ordinal)))
            {
                continue;
            }
            try
            {
                inputs.Add(YamlParser.Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), file, new YamlParseOptions { WithoutComments = true }));
            }
            catch (YamlException ex)
            {
                throw new PackageAuthoringException($"{file}: not valid YAML: {ex.Message}");
            }
        }
        try
        {
            var result = await ImageResolution.ResolveAsync(inputs.Select(KeepMaps), resolver, cancellationToken: cancellationToken).ConfigureAwait(false);
            return KbldLockOutput.ImagesLock(result);
        }
        catch (ImagesException ex)
        {
            throw new PackageAuthoringException($"{configDir}: locking images: {ex.Message}");
        }
    }

    // Template files may hold documents that are not resources until rendered (a bare list, a null); kbld would
    // refuse them, so only map documents are searched for images.
    private static DocumentSet KeepMaps(DocumentSet set)
    {
        set.Items.RemoveAll(d => d.Value is not Map);
        return set;
    }

    // kbld -f package.yml: the bundle's tag resolved to its digest, the origin recorded in kbld.k14s.io/images.
    private static async Task<Package> LockBundleAsync(Package package, IDigestResolver resolver, CancellationToken cancellationToken)
    {
        var set = YamlParser.Parse(ResourceYaml.Emit(package), "package.yml");
        var result = await ImageResolution.ResolveAsync([set], resolver, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResourceYaml.ReadSingle<Package>(ResolvedOutput.Emit(result.Resources), "package.yml");
    }

    private static T Read<T>(string file)
        where T : class, IResource
    {
        if (!File.Exists(file))
        {
            throw new PackageAuthoringException($"{file}: not found; is this a package folder? ('hull package init' creates one)");
        }
        try
        {
            return ResourceYaml.ReadSingle<T>(File.ReadAllText(file), file);
        }
        catch (ResourceException ex)
        {
            throw new PackageAuthoringException(ex.Message);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
