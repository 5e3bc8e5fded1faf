using Hull.Oci.Storage;
using Hull.Bundles.Images;
using Hull.Images.Resolving;
using Hull.Oci.Registry;
using Hull.Packaging.Authoring;
using Hull.Packaging.Installing;
using Hull.Packaging.Rendering;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;

namespace Hull.Packaging.Tests.Integration;

/// <summary>
/// Package folders written in a temp directory and released to the test registry (HULL_TEST_REGISTRY) with
/// PackageReleaser, collected into one repository bundle; opens dir: targets with a reconciler over it.
/// </summary>
internal sealed class PackageWorkbench : IDisposable
{
    private readonly RegistryClient _client = new(new RegistryOptions());
    private readonly RepositoryBuilder _repository = new();

    public PackageWorkbench()
    {
        Root = Directory.CreateTempSubdirectory("hull-install-it-").FullName;
        Prefix = $"{Registry}/it-{Guid.NewGuid():N}";
    }

    public static string Registry => RegistryUnderTest.Host;

    public static string GuideDir => Path.Combine(TestPaths.RepoRoot(), "tests", "Hull.Packaging.Tests", "Guide");

    public string Root { get; }

    public string Prefix { get; }

    public ImageStores Stores => new(_client);

    public StoreDigestResolver Resolver => new(_client);

    public List<RepositoryContents> Contents { get; } = [];

    /// <summary>Writes a package folder: package.yml / package-metadata.yml for <paramref name="refName"/> and the config files given.</summary>
    public string Folder(string refName, IReadOnlyDictionary<string, string> config)
    {
        string dir = Path.Combine(Root, "src", refName);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
        foreach (var file in PackageScaffold.Files(refName).Where(f => !f.Path.StartsWith(PackageScaffold.ConfigDir + "/", StringComparison.Ordinal)))
        {
            Write(Path.Combine(dir, file.Path), file.Text);
        }
        foreach (var (path, text) in config)
        {
            Write(Path.Combine(dir, "config", path), text);
        }
        return dir;
    }

    /// <summary>Copies a config folder (the guide's) into a new package folder.</summary>
    public string FolderFrom(string refName, string configDir)
    {
        var files = Directory.EnumerateFiles(configDir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(configDir, f), File.ReadAllText);
        return Folder(refName, files);
    }

    /// <summary>Releases the folder at <paramref name="version"/> and adds it to the repository.</summary>
    public async Task<PackageReleaseResult> ReleaseAsync(string folder, string version)
    {
        string name = Path.GetFileName(folder).Split('.')[0];
        var result = await PackageReleaser.ReleaseAsync(Stores, Resolver, new PackageReleaseRequest(folder, $"{Prefix}/{name}") { Version = version }, _ => { }, CancellationToken.None);
        _repository.AddFile(Hull.Packaging.Resources.Serialization.ResourceYaml.Emit(result.Metadata), $"{name}/metadata.yml");
        _repository.Add(result.Package, $"{name}/{version}.yml");
        return result;
    }

    /// <summary>Adds a Package written by hand (e.g. one whose bundle is gone).</summary>
    public void Add(Package package) => _repository.Add(package, $"{package.Spec.RefName}/{package.Spec.Version}.yml");

    /// <summary>Publishes the repository and reads it back as a client would.</summary>
    public async Task<RepositoryContents> PublishAsync()
    {
        var target = Locations.Parse($"{Prefix}/repo:latest", "repo");
        await RepositoryPublisher.PublishAsync(Stores, _repository, target, new ObjectMeta(), _ => { }, CancellationToken.None);
        var contents = await RepositoryReader.ReadBundleAsync(Stores, target, CancellationToken.None);
        Contents.Clear();
        Contents.Add(contents);
        return contents;
    }

    /// <summary>Opens a dir: target under the workbench with a reconciler over the published repository.</summary>
    public (DirectoryTarget Target, Reconciler Reconciler) Open(string name = "target", Action<Installation>? observe = null)
    {
        var target = DirectoryTarget.Open(Path.Combine(Root, name));
        var renderer = new RepositoryPackageRenderer(Stores, Contents, new PackageRenderer(Resolver));
        return (target, new Reconciler(target, Contents, renderer) { Observe = observe });
    }

    public static Installation Install(string name, string refName, string constraints, params (string File, string Text)[] values)
    {
        return KappControllerManifests.ToInstallation(KappControllerManifests.For(name, "default", refName, constraints, values), DateTimeOffset.UtcNow);
    }

    public static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose()
    {
        _client.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
