using Hull.Templating.Files;

namespace Hull.Templating.Tests.Files;

public sealed class FileCollectorTests
{
    [Fact]
    public void DirectoriesAreWalkedInOrdinalOrderWithKindsByExtension()
    {
        string dir = Directory.CreateTempSubdirectory("hull-fc").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "sub"));
            File.WriteAllText(Path.Combine(dir, "b.yml"), "b: 1\n");
            File.WriteAllText(Path.Combine(dir, "a.star"), "x = 1\n");
            File.WriteAllText(Path.Combine(dir, "sub", "c.lib.yml"), "c: 1\n");
            File.WriteAllText(Path.Combine(dir, "Z.txt"), "t");
            var c = new FileCollector();
            c.Add(dir, () => Stream.Null);
            Assert.Equal(["Z.txt", "a.star", "b.yml", "sub/c.lib.yml"], c.Files.Select(f => f.RelativePath).ToArray());
            Assert.Equal([FileKind.TextTemplate, FileKind.Starlark, FileKind.YamlTemplate, FileKind.YamlTemplate], c.Files.Select(f => f.Kind).ToArray());
            Assert.True(c.Files[3].IsLibrary);
            c.ApplyMark("Z.txt:type=data");
            Assert.Equal(FileKind.Data, c.Files[0].Kind);
            c.ApplyMark("**/*.lib.yml:exclude=true");
            Assert.Equal(3, c.Files.Count);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void OutputDirectoryIsReplacedOnlyAfterAllFilesAreWritten()
    {
        string dir = Path.Combine(Path.GetTempPath(), "hull-out-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "stale.yml"), "x");
        OutputDirectory.Write([("a/b.yml", "b: 1\n"u8.ToArray())], dir, emptyFirst: true);
        Assert.False(File.Exists(Path.Combine(dir, "stale.yml")));
        Assert.Equal("b: 1\n", File.ReadAllText(Path.Combine(dir, "a", "b.yml")));
        Assert.Throws<TemplateException>(() => OutputDirectory.Write([("../escape.yml", [])], dir, emptyFirst: false));
        Directory.Delete(dir, true);
    }
}
