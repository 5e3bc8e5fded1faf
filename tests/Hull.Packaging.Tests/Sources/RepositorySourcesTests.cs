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

    [Fact]
    public async Task TrustedKeysAreKeptByFingerprintOwnerOnly()
    {
        using var prod = Hull.Oci.Signatures.SigningKey.Generate();
        using var dev = Hull.Oci.Signatures.SigningKey.Generate();
        string path = Path.Combine(_dir, "config", RepositorySources.FileName);
        var sources = await RepositorySources.LoadAsync(path, CancellationToken.None);
        var added = sources.Add("prod", "registry.corp/prod:1", [prod.PublicKey, dev.PublicKey, prod.PublicKey]);
        sources.Add("plain", "registry.corp/plain:1");
        await sources.SaveAsync(CancellationToken.None);

        Assert.Equal([prod.PublicKey.Fingerprint, dev.PublicKey.Fingerprint], added.Trust.Select(k => k.Fingerprint));
        Assert.Equal(
            $"repositories:\n- name: prod\n  location: registry.corp/prod:1\n  trust:\n  - {prod.PublicKey.Fingerprint}\n  - {dev.PublicKey.Fingerprint}\n- name: plain\n  location: registry.corp/plain:1\n",
            File.ReadAllText(path));
        string keys = Path.Combine(_dir, "config", RepositorySources.KeysFolder);
        Assert.Equal(prod.PublicKey.ExportPem(), File.ReadAllText(Path.Combine(keys, prod.PublicKey.Fingerprint[7..] + ".pub")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(added.Trust[0].File));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }

        var loaded = await RepositorySources.LoadAsync(path, CancellationToken.None);
        Assert.Equal(added.Trust, loaded.Find("prod")!.Trust);
        Assert.False(loaded.Find("plain")!.IsVerified);

        // A new location keeps the trust; a folder cannot be verified.
        Assert.Equal(added.Trust, loaded.Update("prod", "registry.corp/prod:2").Trust);
        Assert.Contains("a folder has no signature to verify", Assert.Throws<RepositorySourceException>(() => loaded.Update("prod", "/srv/prod")).Message);
        Assert.Equal("registry.corp/prod:2", loaded.Find("prod")!.Location);
        Assert.Contains("a folder has no signature to verify", Assert.Throws<RepositorySourceException>(() => loaded.Add("local", "/srv/local", [prod.PublicKey])).Message);
        Assert.Null(loaded.Find("local"));
    }

    [Theory]
    [InlineData("trust: yes")]
    [InlineData("trust: []")]
    [InlineData("trust:\n  - sha256:ABC")]
    [InlineData("trust:\n  - {}")]
    public async Task AMalformedTrustListIsAnError(string trust)
    {
        Directory.CreateDirectory(_dir);
        string path = Path.Combine(_dir, RepositorySources.FileName);
        File.WriteAllText(path, $"repositories:\n- name: prod\n  location: registry.corp/prod:1\n  {trust}\n");
        var ex = await Assert.ThrowsAsync<RepositorySourceException>(() => RepositorySources.LoadAsync(path, CancellationToken.None));
        Assert.Contains($"{path}:4: repository 'prod': trust must list key fingerprints", ex.Message);
    }
}
