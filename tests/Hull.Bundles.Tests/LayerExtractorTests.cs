using System.Formats.Tar;
using Hull.Bundles.Layers;

namespace Hull.Bundles.Tests;

public sealed class LayerExtractorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hull-extract-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MemoryStream Tar(Action<TarWriter> write)
    {
        var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(writer);
        }
        ms.Position = 0;
        return ms;
    }

    private static PaxTarEntry File(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), Mode = (UnixFileMode)0b110_000_000 };

    private string Out()
    {
        string o = Path.Combine(_dir, "out");
        Directory.CreateDirectory(o);
        return o;
    }

    [Fact]
    public async Task ExtractsFilesAndSpreadsOwnerBits()
    {
        var tar = Tar(w =>
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, ".") { Mode = (UnixFileMode)0b111_000_000 });
            w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "config") { Mode = (UnixFileMode)0b111_000_000 });
            w.WriteEntry(File("config/a.yml", "a: 1\n"));
        });
        string o = Out();
        await LayerExtractor.ExtractAsync(tar, o, CancellationToken.None);
        Assert.Equal("a: 1\n", System.IO.File.ReadAllText(Path.Combine(o, "config", "a.yml")));
        Assert.Equal((UnixFileMode)0b110_110_110 & ~(UnixFileMode)0b000_010_010, System.IO.File.GetUnixFileMode(Path.Combine(o, "config", "a.yml")) & ~(UnixFileMode)0b000_010_010);
    }

    [Theory]
    [InlineData("../evil.yml")]
    [InlineData("config/../../evil.yml")]
    [InlineData("/etc/evil.yml")]
    public async Task RejectsPathsEscapingTheOutput(string name)
    {
        var tar = Tar(w => w.WriteEntry(File(name, "x")));
        var ex = await Assert.ThrowsAsync<BundleException>(() => LayerExtractor.ExtractAsync(tar, Out(), CancellationToken.None));
        Assert.Contains(name, ex.Message);
        Assert.False(System.IO.File.Exists(Path.Combine(_dir, "evil.yml")));
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "../../outside")]
    [InlineData(TarEntryType.SymbolicLink, "/etc/passwd")]
    [InlineData(TarEntryType.HardLink, "../outside")]
    public async Task RejectsLinksEscapingTheOutput(TarEntryType type, string target)
    {
        var tar = Tar(w => w.WriteEntry(new PaxTarEntry(type, "config/link") { LinkName = target }));
        var ex = await Assert.ThrowsAsync<BundleException>(() => LayerExtractor.ExtractAsync(tar, Out(), CancellationToken.None));
        Assert.Contains("escapes the output folder", ex.Message);
    }

    [Fact]
    public async Task SkipsLinksThatStayInside()
    {
        var tar = Tar(w =>
        {
            w.WriteEntry(File("a.yml", "a"));
            w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "b.yml") { LinkName = "a.yml" });
        });
        string o = Out();
        await LayerExtractor.ExtractAsync(tar, o, CancellationToken.None);
        Assert.True(System.IO.File.Exists(Path.Combine(o, "a.yml")));
        Assert.False(System.IO.File.Exists(Path.Combine(o, "b.yml")));
    }

    [Fact]
    public async Task RejectsTruncatedTar()
    {
        var full = Tar(w => w.WriteEntry(File("a.yml", new string('x', 5000))));
        var truncated = new MemoryStream(full.ToArray()[..2000]);
        await Assert.ThrowsAsync<BundleException>(() => LayerExtractor.ExtractAsync(truncated, Out(), CancellationToken.None));
    }
}
