using System.Formats.Tar;

namespace Hull.Cli.Tests.HostileInput;

/// <summary>
/// Hostile input, bundle layer (`hull bundle pull`), as an attacker crafts it: each test pushes a hand-made bundle to an
/// OCI layout, pulls it into <c>parent/out</c> beside a sibling, and checks the one-line error, exit 1, and that the
/// parent and sibling are untouched. Classes covered (add the next one beside them):
/// <list type="bullet">
/// <item>whiteouts naming <c>..</c>, <c>.</c>, nothing, or another whiteout (issue 14 defect 1)</item>
/// <item>entries whose path leaves the output: <c>../x</c>, <c>a/../../x</c>, absolute paths</item>
/// <item>links (symbolic, hard) pointing outside the output</item>
/// <item>output folders whose replacement deletes the user's work: <c>.</c>, <c>..</c>, <c>/</c>, any folder containing the current one (defect 4)</item>
/// <item>decompression bombs in metadata read into memory (defect 7)</item>
/// <item>corrupt layers: reported as a digest mismatch (defect 9)</item>
/// </list>
/// </summary>
public sealed class HostileBundleTests : IDisposable
{
    private const string EmptyLock = "---\napiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\n";
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-hostile-bundle-").FullName;

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await HullApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    // parent/{sibling.txt, out/keep.txt}: what a pull into parent/out may replace is out, nothing else.
    private string Parent()
    {
        string parent = Path.Combine(_tmp, "parent");
        Directory.CreateDirectory(Path.Combine(parent, "out"));
        File.WriteAllText(Path.Combine(parent, "sibling.txt"), "sibling");
        File.WriteAllText(Path.Combine(parent, "out", "keep.txt"), "previous pull");
        File.WriteAllText(Path.Combine(_tmp, "beside-parent.txt"), "beside");
        return parent;
    }

    private async Task AssertRefused(byte[] tar, string expected)
    {
        string parent = Parent();
        string bundle = await CraftedBundle.PushAsync(Path.Combine(_tmp, "store"), "v1", CraftedBundle.Gzip(tar));
        var before = CraftedBundle.Snapshot(_tmp);

        var (code, _, err) = await Run("bundle", "pull", "-b", bundle, "-o", Path.Combine(parent, "out"));

        Assert.Equal(1, code);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Equal(before, CraftedBundle.Snapshot(_tmp));
    }

    [Theory]
    [InlineData(".wh...")]
    [InlineData("config/.wh...")]
    [InlineData(".wh..")]
    [InlineData(".wh.")]
    [InlineData("config/.wh..wh.x")]
    public async Task AWhiteoutOfTheFolderAboveIsRefused(string whiteout)
    {
        var tar = CraftedBundle.Tar(CraftedBundle.File(".imgpkg/images.yml", EmptyLock), CraftedBundle.File("config/a.yml", "a: 1\n"), CraftedBundle.File(whiteout, ""));
        await AssertRefused(tar, $"Refusing tar entry '{whiteout}'");
    }

    [Fact]
    public async Task AWhiteoutInsideTheOutputStillDeletesItsSibling()
    {
        var tar = CraftedBundle.Tar(CraftedBundle.File(".imgpkg/images.yml", EmptyLock), CraftedBundle.File("config/a.yml", "a"), CraftedBundle.File("config/b.yml", "b"), CraftedBundle.File("config/.wh.a.yml", ""));
        string parent = Parent();
        string bundle = await CraftedBundle.PushAsync(Path.Combine(_tmp, "store"), "v1", CraftedBundle.Gzip(tar));

        var (code, _, err) = await Run("bundle", "pull", "-b", bundle, "-o", Path.Combine(parent, "out"));

        Assert.True(code == 0, err);
        Assert.Equal(["b.yml"], Directory.GetFiles(Path.Combine(parent, "out", "config")).Select(Path.GetFileName));
        Assert.Equal("sibling", File.ReadAllText(Path.Combine(parent, "sibling.txt")));
    }

    [Theory]
    [InlineData("../evil.yml", "'..' would escape the output folder")]
    [InlineData("config/../../evil.yml", "'..' would escape the output folder")]
    [InlineData("/tmp/evil.yml", "absolute paths are not allowed")]
    public async Task EntriesLeavingTheOutputAreRefused(string name, string why)
    {
        var tar = CraftedBundle.Tar(CraftedBundle.File(".imgpkg/images.yml", EmptyLock), CraftedBundle.File(name, "evil"));
        await AssertRefused(tar, why);
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "../../sibling.txt")]
    [InlineData(TarEntryType.HardLink, "../sibling.txt")]
    public async Task LinksLeavingTheOutputAreRefused(TarEntryType type, string target)
    {
        var tar = CraftedBundle.Tar(CraftedBundle.File(".imgpkg/images.yml", EmptyLock), new PaxTarEntry(type, "config/link") { LinkName = target });
        await AssertRefused(tar, "escapes the output folder");
    }

    // The test process's own folder stands for the user's: the refusal comes before anything is fetched or written.
    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("/")]
    [InlineData("CWD")]
    [InlineData("PARENT")]
    public async Task OutputFoldersHoldingTheCurrentFolderAreRefused(string output)
    {
        string cwd = Environment.CurrentDirectory;
        string bundle = await CraftedBundle.PushAsync(Path.Combine(_tmp, "store"), "v1", CraftedBundle.Gzip(CraftedBundle.Tar(CraftedBundle.File(".imgpkg/images.yml", EmptyLock))));
        var before = Directory.GetFileSystemEntries(cwd).Order().ToList();

        var (code, _, err) = await Run("bundle", "pull", "-b", bundle, "-o", output switch { "CWD" => cwd, "PARENT" => Path.GetDirectoryName(cwd) + "/", _ => output });

        Assert.Equal(1, code);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.Contains("Disallowed output directory", err, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(cwd).Order().ToList());
    }

    [Fact]
    public async Task AnEmptyOutputIsAUsageError()
    {
        var (code, _, err) = await Run("bundle", "pull", "-b", "oci:/nowhere:v1", "-o", "");
        Assert.Equal(2, code);
        Assert.StartsWith("hull: --output: expected a folder path", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImagesLockThatInflatesToHundredsOfMegabytesIsRefused()
    {
        string parent = Parent();
        byte[] layer = CraftedBundle.Bomb(".imgpkg/images.yml", 200L << 20, CraftedBundle.File("config/a.yml", "a"));
        Assert.True(layer.Length < 1 << 20);
        string bundle = await CraftedBundle.PushAsync(Path.Combine(_tmp, "store"), "v1", layer);
        var before = CraftedBundle.Snapshot(_tmp);

        var (code, _, err) = await Run("bundle", "pull", "-b", bundle, "-o", Path.Combine(parent, "out"));

        Assert.Equal(1, code);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.Contains($"'.imgpkg/images.yml' is {200L << 20} bytes once decompressed, more than the {32L << 20} bytes Hull reads into memory", err, StringComparison.Ordinal);
        Assert.Equal(before, CraftedBundle.Snapshot(_tmp));
    }

    [Fact]
    public async Task ACorruptLayerIsReportedAsADigestMismatch()
    {
        string parent = Parent();
        string store = Path.Combine(_tmp, "store");
        byte[] layer = CraftedBundle.Gzip(CraftedBundle.Tar(CraftedBundle.File(".imgpkg/images.yml", EmptyLock), CraftedBundle.File("config/a.yml", new string('a', 10_000))));
        string bundle = await CraftedBundle.PushAsync(store, "v1", layer);
        string blob = Path.Combine(store, "blobs", "sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(layer)));
        byte[] corrupt = File.ReadAllBytes(blob);
        corrupt.AsSpan(20, 40).Fill(0xff);
        File.WriteAllBytes(blob, corrupt);
        var before = CraftedBundle.Snapshot(_tmp);

        var (code, _, err) = await Run("bundle", "pull", "-b", bundle, "-o", Path.Combine(parent, "out"));

        Assert.Equal(1, code);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.Contains("digest mismatch", err, StringComparison.Ordinal);
        Assert.DoesNotContain("gzip", err, StringComparison.Ordinal);
        Assert.Equal(before, CraftedBundle.Snapshot(_tmp));
    }

    [Fact]
    public async Task LeftoversOfAKilledPullAreRemovedByTheNext()
    {
        string parent = Parent();
        string store = Path.Combine(_tmp, "store");
        string bundle = await CraftedBundle.PushAsync(store, "v1", CraftedBundle.Gzip(CraftedBundle.Tar(CraftedBundle.File(".imgpkg/images.yml", EmptyLock), CraftedBundle.File("config/a.yml", "a"))));
        // pid 2^30 is above any pid_max: its owner is gone. A running process's (this one's) are left alone.
        string deadOutput = Path.Combine(parent, ".out.hull-1073741824-0badf00d");
        string liveOutput = Path.Combine(parent, $".out.hull-{Environment.ProcessId}-0badf00d");
        string deadBlob = Path.Combine(store, "blobs", "sha256", ".tmp-1073741824-0badf00d");
        string deadIndex = Path.Combine(store, "index.json.tmp-1073741824-0badf00d");
        Directory.CreateDirectory(Path.Combine(deadOutput, "config"));
        Directory.CreateDirectory(liveOutput);
        File.WriteAllText(deadBlob, "half");
        File.WriteAllText(deadIndex, "half");

        var (code, _, err) = await Run("bundle", "pull", "-b", bundle, "-o", Path.Combine(parent, "out"));

        Assert.True(code == 0, err);
        Assert.False(Directory.Exists(deadOutput));
        Assert.False(File.Exists(deadBlob));
        Assert.False(File.Exists(deadIndex));
        Assert.True(Directory.Exists(liveOutput));
        Assert.Equal("sibling", File.ReadAllText(Path.Combine(parent, "sibling.txt")));
    }
}
