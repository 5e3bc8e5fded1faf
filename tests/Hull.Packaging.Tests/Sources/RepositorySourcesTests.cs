using Hull.Packaging.Sources;

namespace Hull.Packaging.Tests.Sources;

public sealed class RepositorySourcesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"hull-sources-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task AddSaveLoadRemove()
    {
        string path = Path.Combine(_dir, "nested", RepositorySources.FileName);
        var sources = await RepositorySources.LoadAsync(path, CancellationToken.None);
        Assert.Empty(sources.All);

        sources.Add("stable", "registry.corp/repo:1.0.0");
        sources.Add("local", "./relative/repo");
        sources.Add("layout", "oci:/tmp/layout:1.0.0");
        await sources.SaveAsync(CancellationToken.None);

        Assert.Equal(
            $"repositories:\n- name: stable\n  location: registry.corp/repo:1.0.0\n- name: local\n  location: {Path.GetFullPath("./relative/repo")}\n- name: layout\n  location: oci:/tmp/layout:1.0.0\n",
            File.ReadAllText(path));
        var loaded = await RepositorySources.LoadAsync(path, CancellationToken.None);
        Assert.Equal(["stable", "local", "layout"], loaded.All.Select(s => s.Name));
        Assert.Equal(
            [RepositorySourceKind.Registry, RepositorySourceKind.Directory, RepositorySourceKind.Layout],
            loaded.All.Select(s => s.Kind));

        loaded.Remove("local");
        await loaded.SaveAsync(CancellationToken.None);
        Assert.Equal(["stable", "layout"], (await RepositorySources.LoadAsync(path, CancellationToken.None)).All.Select(s => s.Name));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public async Task MistakesAreExplained()
    {
        var sources = await RepositorySources.LoadAsync(Path.Combine(_dir, RepositorySources.FileName), CancellationToken.None);
        sources.Add("stable", "registry.corp/repo:1.0.0");

        Assert.Contains("already exists (registry.corp/repo:1.0.0)", Assert.Throws<RepositorySourceException>(() => sources.Add("stable", "x/y")).Message);
        Assert.Contains("lowercase letters", Assert.Throws<RepositorySourceException>(() => sources.Add("Stable", "x/y")).Message);
        Assert.Contains("no repository named 'beta'; known: stable", Assert.Throws<RepositorySourceException>(() => sources.Remove("beta")).Message);
        Assert.Contains("'Registry.Corp/UPPER:1' is not a folder, an oci: layout or a registry reference", Assert.Throws<RepositorySourceException>(() => sources.Add("beta", "Registry.Corp/UPPER:1")).Message);
    }

    [Fact]
    public async Task AMalformedFileNamesItself()
    {
        Directory.CreateDirectory(_dir);
        string path = Path.Combine(_dir, RepositorySources.FileName);
        File.WriteAllText(path, "repositories:\n- name: a\n");

        var ex = await Assert.ThrowsAsync<RepositorySourceException>(() => RepositorySources.LoadAsync(path, CancellationToken.None));

        Assert.Contains(path, ex.Message);
        Assert.Contains("needs a name and a location", ex.Message);
    }
}
