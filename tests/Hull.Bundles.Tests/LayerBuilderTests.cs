using System.Formats.Tar;
using System.IO.Compression;
using Hull.Bundles.Layers;

namespace Hull.Bundles.Tests;

public sealed class LayerBuilderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hull-layer-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string MakeBundle(string name)
    {
        string root = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.Combine(root, ".imgpkg"));
        Directory.CreateDirectory(Path.Combine(root, "config", "sub"));
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        File.WriteAllText(Path.Combine(root, ".git", "HEAD"), "ref: main\n");
        File.WriteAllText(Path.Combine(root, ".imgpkg", "images.yml"), "---\napiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\n");
        File.WriteAllText(Path.Combine(root, "config", "b.yml"), "b: 1\n");
        File.WriteAllText(Path.Combine(root, "config", "a.yml"), "a: 1\n");
        File.WriteAllText(Path.Combine(root, "config.txt"), "x\n");
        File.WriteAllText(Path.Combine(root, "config", "sub", "run.sh"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(root, "config", "sub", "run.sh"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(root, "config", "a.yml"), (UnixFileMode)0b110_100_100);
        return root;
    }

    private async Task<(LayerFile Layer, List<string> Log)> Build(string root, bool preserve = false)
    {
        var log = new List<string>();
        var layer = await LayerBuilder.BuildAsync(new LayerOptions([root], LayerOptions.DefaultExclusions, preserve), log.Add, _dir, CancellationToken.None);
        return (layer, log);
    }

    [Fact]
    public async Task LogsEntriesInImgpkgOrderAndExcludesGit()
    {
        var (layer, log) = await Build(MakeBundle("b1"));
        using (layer)
        {
            Assert.Equal(
                ["dir: .", "dir: .imgpkg", "file: .imgpkg/images.yml", "dir: config", "file: config/a.yml", "file: config/b.yml",
                 "dir: config/sub", "file: config/sub/run.sh", "file: config.txt"],
                log);
        }
    }

    [Fact]
    public async Task SameContentGivesSameDigestWhateverTimesAndOwnersAndGroupBits()
    {
        var (first, _) = await Build(MakeBundle("b1"));
        string other = MakeBundle("b2");
        File.SetLastWriteTimeUtc(Path.Combine(other, "config", "a.yml"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        File.SetUnixFileMode(Path.Combine(other, "config", "a.yml"), (UnixFileMode)0b110_000_000);
        var (second, _) = await Build(other);
        using (first)
        using (second)
        {
            Assert.Equal(first.Digest, second.Digest);
            Assert.Equal(first.DiffId, second.DiffId);
            Assert.Equal(first.Size, new FileInfo(first.Path).Length);
        }
    }

    [Fact]
    public async Task HeadersAreNormalised()
    {
        var (layer, _) = await Build(MakeBundle("b1"));
        using (layer)
        {
            var entries = ReadEntries(layer.Path);
            Assert.All(entries, e =>
            {
                Assert.Equal(0, e.Uid);
                Assert.Equal(0, e.Gid);
                Assert.Equal(DateTimeOffset.UnixEpoch, e.ModificationTime);
                Assert.Equal("", ((PosixTarEntry)e).UserName);
            });
            Assert.Equal((UnixFileMode)0b111_000_000, entries.Single(e => e.Name == "config").Mode);
            Assert.Equal((UnixFileMode)0b111_000_000, entries.Single(e => e.Name == "config/sub/run.sh").Mode);
            Assert.Equal((UnixFileMode)0b110_000_000, entries.Single(e => e.Name == "config/a.yml").Mode);
            Assert.Equal(TarEntryFormat.Ustar, entries[0].Format);
        }
    }

    [Fact]
    public async Task PreservePermissionsKeepsGroupAndOtherBits()
    {
        var (layer, _) = await Build(MakeBundle("b1"), preserve: true);
        using (layer)
        {
            var entries = ReadEntries(layer.Path);
            Assert.Equal((UnixFileMode)0b111_101_101, entries.Single(e => e.Name == "config/sub/run.sh").Mode);
        }
    }

    [Fact]
    public async Task GzipHeaderHasNoTimestamp()
    {
        var (layer, _) = await Build(MakeBundle("b1"));
        using (layer)
        {
            byte[] head = File.ReadAllBytes(layer.Path)[..10];
            Assert.Equal(0x1f, head[0]);
            Assert.Equal(0x8b, head[1]);
            Assert.Equal(0, BitConverter.ToInt32(head, 4));
        }
    }

    [Fact]
    public async Task SymlinksAreRejectedLikeImgpkg()
    {
        string root = MakeBundle("b1");
        File.CreateSymbolicLink(Path.Combine(root, "config", "link.yml"), "a.yml");
        var ex = await Assert.ThrowsAsync<BundleException>(() => Build(root));
        Assert.Contains("to be a regular file", ex.Message);
    }

    [Fact]
    public async Task LongAndUnicodeNamesRoundTrip()
    {
        string root = Path.Combine(_dir, "long");
        string deep = Path.Combine(root, new string('d', 90), new string('e', 90));
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, new string('f', 80) + ".yml"), "x");
        File.WriteAllText(Path.Combine(root, "ünïcode.yml"), "y");
        var (layer, _) = await Build(root);
        using (layer)
        {
            var names = ReadEntries(layer.Path).Select(e => e.Name).ToList();
            Assert.Contains($"{new string('d', 90)}/{new string('e', 90)}/{new string('f', 80)}.yml", names);
            Assert.Contains("ünïcode.yml", names);
        }
    }

    internal static List<TarEntry> ReadEntries(string gzPath)
    {
        using var file = File.OpenRead(gzPath);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gz);
        var list = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } e)
        {
            list.Add(e);
        }
        return list;
    }
}
