using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Hull.Bundles.Contents;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Operations;
using Hull.Bundles.Progress;
using Hull.Oci.Manifests;
using Hull.Oci.References;

namespace Hull.Bundles.Tests.Integration;

[CollectionDefinition(nameof(WorkloadCollection))]
public sealed class WorkloadCollection : ICollectionFixture<Workload>;

[Collection(nameof(WorkloadCollection))]
public sealed class BundleRoundTripTests(Workload workload) : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-bundles-it-").FullName;

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    private async Task<PushResult> Push(string dir, string target, bool bundle = true) =>
        await BundlePusher.PushAsync(workload.Stores, new PushRequest(ImageLocation.Parse(target), new LayerOptions([dir], LayerOptions.DefaultExclusions), bundle, new Dictionary<string, string>()), _ => { }, CancellationToken.None);

    private async Task<string> PushOuter()
    {
        var inner = await Push(workload.Inner, TestRegistry.Unique("inner") + ":v1");
        string outer = Path.Combine(_tmp, "outer");
        Workload.WriteBundle(outer, [inner.DigestReference, workload.Index, workload.Images[2]], "outer: true\n");
        var pushed = await Push(outer, TestRegistry.Unique("outer") + ":v2");
        return pushed.DigestReference.Split('@')[0] + ":v2";
    }

    private async Task<CopyResult> Copy(CopySource source, CopyDestination destination, CopyOptions? options = null) =>
        await new BundleCopier(workload.Stores, options ?? new CopyOptions(), NoProgress.Instance, _ => { }).CopyAsync(source, destination, CancellationToken.None);

    private async Task Pull(string location, string output, bool recursive = false, bool bundle = true) =>
        await BundlePuller.PullAsync(workload.Stores, new PullRequest(ImageLocation.Parse(location), bundle, output, recursive), _ => { }, CancellationToken.None);

    private static void AssertSameTree(string expected, string actual, params string[] except)
    {
        var a = Directory.GetFiles(expected, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(expected, f)).Where(f => !except.Contains(f)).Order().ToList();
        var b = Directory.GetFiles(actual, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(actual, f)).Where(f => !except.Contains(f) && !f.StartsWith(".imgpkg/bundles/", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(a, b);
        foreach (string f in a)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(expected, f)), File.ReadAllBytes(Path.Combine(actual, f)));
        }
    }

    private async Task AssertHasAllImages(string repo, BundleNode graph)
    {
        foreach (var node in BundleGraph.All(graph))
        {
            await workload.Client.ResolveAsync(ImageReference.Parse($"{repo}@{node.Image.Digest}"));
            foreach (var image in node.Images)
            {
                var d = await workload.Client.ResolveAsync(ImageReference.Parse($"{repo}@{image.Image.Digest}"));
                if (image.Image.Manifest.IsIndex)
                {
                    foreach (var child in image.Image.Manifest.AsIndex().Manifests)
                    {
                        await workload.Client.ResolveAsync(ImageReference.Parse($"{repo}@{child.Digest}"));
                    }
                }
            }
            await workload.Client.ResolveAsync(ImageReference.Parse($"{repo}:sha256-{node.Image.Digest.Hex}.image-locations.imgpkg"));
        }
    }

    private async Task<BundleNode> Graph(string location) =>
        await BundleGraph.ReadAsync(workload.Stores, await FetchedImage.FetchAsync(workload.Stores, ImageLocation.Parse(location), CancellationToken.None), recursive: true, 4, CancellationToken.None);

    [Fact]
    public async Task PushThenPullIsByteIdentical()
    {
        var pushed = await Push(workload.Inner, TestRegistry.Unique("roundtrip") + ":v1");
        string output = Path.Combine(_tmp, "pulled");
        await Pull(pushed.DigestReference, output);
        // Not copied alongside its images, so the ImagesLock is left exactly as written.
        AssertSameTree(workload.Inner, output);
        Assert.Equal(0b111_000_000, (int)File.GetUnixFileMode(Path.Combine(output, "config", "nested", "run.sh")) & 0b111_000_000);
    }

    [Fact]
    public async Task SameFilesGiveSameDigest()
    {
        var first = await Push(workload.Inner, TestRegistry.Unique("det") + ":a");
        string copy = Path.Combine(_tmp, "copy");
        Workload.WriteBundle(copy, File.ReadAllLines(Path.Combine(workload.Inner, ".imgpkg", "images.yml")).Where(l => l.StartsWith("- image: ")).Select(l => l[9..]), "inner: true\n");
        File.SetLastWriteTimeUtc(Path.Combine(copy, "config", "values.yml"), new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var second = await Push(copy, TestRegistry.Unique("det") + ":b");
        Assert.Equal(first.Digest, second.Digest);
    }

    [Fact]
    public async Task SkopeoInspectReadsWhatHullPushed()
    {
        var pushed = await Push(workload.Inner, TestRegistry.Unique("skopeo") + ":v1");
        var (code, stdout, err) = TestRegistry.Run("skopeo", "inspect", "--tls-verify=false", $"docker://{pushed.DigestReference.Split('@')[0]}:v1");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(pushed.Digest.ToString(), json.RootElement.GetProperty("Digest").GetString());
        Assert.Equal("true", json.RootElement.GetProperty("Labels").GetProperty("dev.carvel.imgpkg.bundle").GetString());
    }

    [Fact]
    public async Task CopyRepoToRepoIsThickAndSecondCopyTransfersNothing()
    {
        string outer = await PushOuter();
        string dest = TestRegistry.Unique("copy-dest");
        var result = await Copy(new CopySource(Bundle: ImageLocation.Parse(outer)), new CopyDestination(ImageLocation.Parse(dest)));
        Assert.True(result.IsBundle);
        Assert.Equal("v2", result.RootTag);
        await AssertHasAllImages(dest, await Graph(outer));
        await workload.Client.ResolveAsync(ImageReference.Parse(dest + ":v2"));

        var again = await Copy(new CopySource(Bundle: ImageLocation.Parse(outer)), new CopyDestination(ImageLocation.Parse(dest)));
        Assert.Equal(0, again.BlobsTransferred);

        // A recursive pull from the copy points every ImagesLock at the destination repository.
        string output = Path.Combine(_tmp, "pulled-copy");
        await Pull(dest + ":v2", output, recursive: true);
        string images = File.ReadAllText(Path.Combine(output, ".imgpkg", "images.yml"));
        Assert.DoesNotContain("image: " + workload.SourceRepo, images);
        Assert.Contains(dest.Split('/', 2)[1] + "@sha256:", images);
        Assert.Contains("kbld.carvel.dev/id", images);
        var nested = Directory.GetDirectories(Path.Combine(output, ".imgpkg", "bundles"));
        Assert.Single(nested);
        Assert.Equal("inner: true\n", File.ReadAllText(Path.Combine(nested[0], "config", "values.yml")));
        Assert.Contains(dest.Split('/', 2)[1] + "@sha256:", File.ReadAllText(Path.Combine(nested[0], ".imgpkg", "images.yml")));
    }

    [Fact]
    public async Task CopyRepoToTarToRepo()
    {
        string outer = await PushOuter();
        string tar = Path.Combine(_tmp, "bundle.tar");
        await Copy(new CopySource(Bundle: ImageLocation.Parse(outer)), new CopyDestination(Tarball: tar));
        Assert.False(File.Exists(tar + ".partial"));
        string dest = TestRegistry.Unique("from-tar");
        var result = await Copy(new CopySource(Tarball: tar), new CopyDestination(ImageLocation.Parse(dest)));
        Assert.True(result.IsBundle);
        Assert.Equal("v2", result.RootTag);
        await AssertHasAllImages(dest, await Graph(outer));
        string output = Path.Combine(_tmp, "pulled-tar");
        await Pull(dest + ":v2", output, recursive: true);
        Assert.Equal("outer: true\n", File.ReadAllText(Path.Combine(output, "config", "values.yml")));
    }

    [Fact]
    public async Task CopyRepoToLayoutToRepo()
    {
        string outer = await PushOuter();
        string layout = "oci:" + Path.Combine(_tmp, "layout");
        await Copy(new CopySource(Bundle: ImageLocation.Parse(outer)), new CopyDestination(ImageLocation.Parse(layout)));
        string output = Path.Combine(_tmp, "pulled-layout");
        await Pull(layout + ":v2", output, recursive: true);
        Assert.Equal("outer: true\n", File.ReadAllText(Path.Combine(output, "config", "values.yml")));
        string dest = TestRegistry.Unique("from-layout");
        await Copy(new CopySource(Bundle: ImageLocation.Parse(layout + ":v2")), new CopyDestination(ImageLocation.Parse(dest)));
        await AssertHasAllImages(dest, await Graph(outer));
    }

    [Fact]
    public async Task ResumedTarKeepsFinishedLayers()
    {
        string outer = await PushOuter();
        string tar = Path.Combine(_tmp, "resume.tar");
        var first = await Copy(new CopySource(Bundle: ImageLocation.Parse(outer)), new CopyDestination(Tarball: tar));
        // Simulate an interrupted write: the partial file exists with one layer region never filled.
        File.Move(tar, tar + ".partial");
        Hull.Bundles.Tarball.TarIndexEntry entry;
        using (var read = File.OpenRead(tar + ".partial"))
        {
            entry = Hull.Bundles.Tarball.TarIndex.Read(read).First(e => e.Name.EndsWith(".tar.gz", StringComparison.Ordinal));
        }
        using (var f = File.OpenWrite(tar + ".partial"))
        {
            f.Position = entry.Offset;
            f.Write(new byte[entry.Size]);
        }
        var resumed = await Copy(new CopySource(Bundle: ImageLocation.Parse(outer)), new CopyDestination(Tarball: tar), new CopyOptions(Resume: true));
        Assert.Equal(1, resumed.BlobsTransferred);
        Assert.False(File.Exists(tar + ".partial"));
        string dest = TestRegistry.Unique("resumed");
        await Copy(new CopySource(Tarball: tar), new CopyDestination(ImageLocation.Parse(dest)));
        await AssertHasAllImages(dest, await Graph(outer));
    }

    [Fact]
    public async Task TruncatedTarIsRejected()
    {
        string outer = await PushOuter();
        string tar = Path.Combine(_tmp, "cut.tar");
        await Copy(new CopySource(Bundle: ImageLocation.Parse(outer)), new CopyDestination(Tarball: tar));
        using (var f = File.OpenWrite(tar))
        {
            f.SetLength(f.Length / 2);
        }
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => Copy(new CopySource(Tarball: tar), new CopyDestination(ImageLocation.Parse(TestRegistry.Unique("cut")))));
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public async Task CorruptBlobInTarIsRejected()
    {
        var pushed = await Push(workload.Inner, TestRegistry.Unique("corrupt") + ":v1");
        string tar = Path.Combine(_tmp, "corrupt.tar");
        await Copy(new CopySource(Image: ImageLocation.Parse(workload.Images[0])), new CopyDestination(Tarball: tar));
        Hull.Bundles.Tarball.TarIndexEntry entry;
        using (var read = File.OpenRead(tar))
        {
            entry = Hull.Bundles.Tarball.TarIndex.Read(read).First(e => e.Name.EndsWith(".tar.gz", StringComparison.Ordinal));
        }
        using (var f = File.OpenWrite(tar))
        {
            f.Position = entry.Offset + entry.Size / 2;
            f.WriteByte(0x42);
            f.WriteByte(0x43);
        }
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => Copy(new CopySource(Tarball: tar), new CopyDestination(ImageLocation.Parse(TestRegistry.Unique("corrupt-dest")))));
        Assert.Contains("digest", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(pushed);
    }

    [Fact]
    public async Task TarballWithDotDotEntryIsRejected()
    {
        string tar = Path.Combine(_tmp, "evil.tar");
        using (var file = File.Create(tar))
        using (var writer = new TarWriter(file, TarEntryFormat.Ustar))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream("[]"u8.ToArray()) });
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "../evil.tar.gz") { DataStream = new MemoryStream([1, 2, 3]) });
        }
        var ex = await Assert.ThrowsAsync<BundleException>(() => Copy(new CopySource(Tarball: tar), new CopyDestination(ImageLocation.Parse(TestRegistry.Unique("evil")))));
        Assert.Contains("../evil.tar.gz", ex.Message);
    }

    [Fact]
    public async Task PullOfHostileLayerLeavesNothingBehind()
    {
        // A bundle whose layer tries to write outside the output folder.
        string gz = Path.Combine(_tmp, "evil.tar.gz");
        using (var file = File.Create(gz))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, ".imgpkg"));
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, ".imgpkg/images.yml") { DataStream = new MemoryStream("apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\n"u8.ToArray()) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../../escaped.txt") { DataStream = new MemoryStream("x"u8.ToArray()) });
        }
        var bytes = File.ReadAllBytes(gz);
        string raw = Path.Combine(_tmp, "raw.tar");
        using (var input = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress))
        using (var output = File.Create(raw))
        {
            input.CopyTo(output);
        }
        var layer = new LayerFile(gz, Digest.Compute(bytes).ToString(), bytes.Length, Digest.Compute(File.ReadAllBytes(raw)).ToString());
        var (manifest, config) = BundlePusher.BuildImage(layer, new Dictionary<string, string> { [ImageConfig.BundleLabel] = "true" });
        string target = TestRegistry.Unique("hostile");
        var store = workload.Stores.Open(ImageLocation.Parse(target), forWrite: true);
        await store.PutBlobAsync(manifest.AsImage().Layers[0], new MemoryStream(bytes));
        await store.PutBlobAsync(manifest.AsImage().Config, new MemoryStream(config));
        await store.PutManifestAsync(manifest, "v1");

        string outDir = Path.Combine(_tmp, "hostile-out");
        var ex = await Assert.ThrowsAsync<BundleException>(() => Pull(target + ":v1", outDir));
        Assert.Contains("../../escaped.txt", ex.Message);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetDirectories(_tmp, ".hostile-out.hull-*"));
        Assert.False(File.Exists(Path.Combine(_tmp, "escaped.txt")));
    }

    [Fact]
    public async Task MissingTagNamesTheReference()
    {
        string missing = TestRegistry.Unique("missing") + ":nope";
        var ex = await Assert.ThrowsAsync<BundleException>(() => Pull(missing, Path.Combine(_tmp, "none")));
        Assert.Contains(missing, ex.Message);
        Assert.False(Directory.Exists(Path.Combine(_tmp, "none")));
    }

    [Fact]
    public async Task ImageFlagOnBundleIsRefused()
    {
        var pushed = await Push(workload.Inner, TestRegistry.Unique("flags") + ":v1");
        var ex = await Assert.ThrowsAsync<BundleException>(() => Pull(pushed.DigestReference, Path.Combine(_tmp, "x"), bundle: false));
        Assert.Contains("Use -b instead of -i", ex.Message);
    }
}
