using Hull.Templating.DataValues;

namespace Hull.Templating.Tests.DataValues;

public sealed class DataValuesFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hull-values-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AFolderGivesItsYamlFilesRecursivelyInPathOrder()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "b"));
        File.WriteAllText(Path.Combine(_dir, "b", "x.yaml"), "x: 1\n");
        File.WriteAllText(Path.Combine(_dir, "a.yml"), "a: 1\n");
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "not values\n");
        var sources = new DataValuesSources();
        await DataValuesFiles.AddValuesFileAsync(sources, "@lib:" + _dir, CancellationToken.None);
        Assert.Equal([Path.Combine(_dir, "a.yml"), Path.Combine(_dir, "b", "x.yaml")], sources.Items.Select(i => i.Name));
        Assert.All(sources.Items, i => Assert.Equal("lib", i.Library));
    }

    [Fact]
    public async Task AValueFileNeedsKeyEqualsPath()
    {
        var e = await Assert.ThrowsAsync<TemplateException>(() => DataValuesFiles.AddValueFileAsync(new DataValuesSources(), "no-equals", CancellationToken.None));
        Assert.Equal("Expected format key=/file/path for flag value 'no-equals'", e.Message);
    }

    [Fact]
    public async Task InvalidUtf8IsRefused()
    {
        string path = Path.Combine(_dir, "bad.yml");
        File.WriteAllBytes(path, [(byte)'a', (byte)':', (byte)' ', 0xff, (byte)'\n']);
        await Assert.ThrowsAsync<TemplateException>(() => DataValuesFiles.AddValuesFileAsync(new DataValuesSources(), path, CancellationToken.None));
    }
}
