using Hull.Failures;
using System.Text;
using Hull.Bundles.Locks;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.App;
using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Authoring;

/// <summary>
/// <c>hull package init</c>: a package folder as the guide builds one by hand. The bundle's contents are
/// <c>config/</c> (ytt templates and a data values schema) and <c>.imgpkg/images.yml</c>; beside them,
/// <c>package-metadata.yml</c> and <c>package.yml</c> record the name, metadata and the template and deploy steps,
/// which a release completes with the version, the bundle digest, the values schema and the release date.
/// </summary>
public static class PackageScaffold
{
    /// <summary>The Package template file.</summary>
    public const string PackageFile = "package.yml";

    /// <summary>The PackageMetadata file.</summary>
    public const string MetadataFile = "package-metadata.yml";

    /// <summary>The templates folder (the bundle holds it and <c>.imgpkg/</c>).</summary>
    public const string ConfigDir = "config";

    /// <summary>The version a fresh package.yml carries until its first release.</summary>
    public const string UnreleasedVersion = "0.0.0";

    /// <summary>
    /// The files of a new package named <paramref name="refName"/>, paths relative to the package folder; with
    /// <paramref name="withTemplates"/> false, only the package files around an existing <c>config/</c>.
    /// </summary>
    /// <exception cref="PackageAuthoringException">The name breaks kapp-controller's rules.</exception>
    public static IReadOnlyList<RepositoryFile> Files(string refName, string? displayName = null, bool withTemplates = true)
    {
        if (PackageNames.ProblemWithRefName(refName) is string problem)
        {
            throw new PackageAuthoringException($"package name {problem}");
        }
        string shortName = refName.Split('.')[0];
        var metadata = new PackageMetadata
        {
            Metadata = new ObjectMeta { Name = refName },
            Spec = new PackageMetadataSpec { DisplayName = displayName ?? shortName, ShortDescription = Describe(displayName ?? shortName) },
        };
        var package = new Package
        {
            Metadata = new ObjectMeta { Name = PackageNames.PackageName(refName, UnreleasedVersion) },
            Spec = new PackageSpec
            {
                RefName = refName,
                Version = UnreleasedVersion,
                Template = new PackageTemplate
                {
                    Spec = new AppSpec
                    {
                        Fetch = [new AppFetch { ImgpkgBundle = new AppFetchImgpkgBundle() }],
                        Template =
                        [
                            new AppTemplate { Ytt = new AppTemplateYtt { Paths = [ConfigDir + "/"] } },
                            new AppTemplate { Kbld = new AppTemplateKbld { Paths = ["-", ".imgpkg/images.yml"] } },
                        ],
                        Deploy = [new AppDeploy { Kapp = new AppDeployKapp() }],
                    },
                },
            },
        };
        RepositoryFile[] packageFiles =
        [
            new RepositoryFile(MetadataFile, ResourceYaml.Emit(metadata)),
            new RepositoryFile(PackageFile, ResourceYaml.Emit(package)),
            new RepositoryFile(".imgpkg/images.yml", Encoding.UTF8.GetString(LockYaml.Emit(new ImagesLock()))),
        ];
        if (!withTemplates)
        {
            return packageFiles;
        }
        return
        [
            .. packageFiles,
            new RepositoryFile($"{ConfigDir}/values-schema.yml", $"""
                #@data/values-schema
                ---
                #@schema/desc "Namespace {shortName} is installed into"
                namespace: {shortName}

                """),
            new RepositoryFile($"{ConfigDir}/config.yml", $"""
                #@ load("@ytt:data", "data")
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: #@ data.values.namespace

                """),
        ];
    }

    // "my-opinionated" reads "My opinionated package"; a display name that already says package is not repeated.
    private static string Describe(string name)
    {
        string words = name.Replace('-', ' ');
        words = words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
        return words.EndsWith(" package", StringComparison.OrdinalIgnoreCase) || words.Equals("package", StringComparison.OrdinalIgnoreCase) ? words : words + " package";
    }

    /// <summary>
    /// Writes the files into <paramref name="directory"/>; refuses to overwrite any file that exists. A folder whose
    /// <c>config/</c> already holds files is refused (the scaffold's templates would join and break them) unless
    /// <paramref name="fromConfig"/> adopts it: then only the package files are written, no templates.
    /// </summary>
    public static async Task<IReadOnlyList<RepositoryFile>> WriteAsync(string directory, string refName, string? displayName, CancellationToken cancellationToken, bool fromConfig = false)
    {
        var files = Files(refName, displayName, withTemplates: !fromConfig);
        string config = Path.Combine(directory, ConfigDir);
        bool hasConfig = Directory.Exists(config) && Directory.EnumerateFileSystemEntries(config).Any();
        if (hasConfig && !fromConfig)
        {
            throw new PackageAuthoringException($"'{config}' already exists: init would add {ConfigDir}/config.yml and {ConfigDir}/values-schema.yml beside its templates; pass --from-config to adopt it as the package's configuration (no templates added), or pick another folder");
        }
        if (fromConfig && !hasConfig)
        {
            throw new PackageAuthoringException($"--from-config: '{config}' has no configuration to adopt");
        }
        var existing = files.Select(f => f.Path).Where(p => File.Exists(Path.Combine(directory, p))).ToList();
        if (existing.Count > 0)
        {
            throw new PackageAuthoringException($"'{directory}' already has {string.Join(", ", existing)}; init writes only new packages (remove them or pick another folder)");
        }
        foreach (var file in files)
        {
            string path = Path.Combine(directory, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, file.Text, cancellationToken).ConfigureAwait(false);
        }
        return files;
    }
}

/// <summary>A package folder that cannot be created or used as asked.</summary>
public sealed class PackageAuthoringException(string message) : HullException(message);
