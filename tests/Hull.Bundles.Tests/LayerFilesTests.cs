using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Oci.Layout;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Bundles.Tests;

/// <summary>LayerFiles on images written to an OCI layout: no registry needed.</summary>
public sealed class LayerFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hull-layer-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PaxTarEntry File(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)), Mode = (UnixFileMode)0b110_100_100 };

    private static byte[] Tar(params TarEntry[] entries)
    {
        var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
                writer.WriteEntry(entry);
        }
        return ms.ToArray();
    }

    private static (string MediaType, byte[] Bytes) Gzip(byte[] tar)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(tar);
        return (MediaTypes.OciLayerGzip, output.ToArray());
    }

    private static (string MediaType, byte[] Bytes) Plain(byte[] tar) => (MediaTypes.OciLayer, tar);

    // An image of the given layers, bottom first, in a fresh layout.
    private async Task<FetchedImage> ImageAsync(params (string MediaType, byte[] Bytes)[] layers)
    {
        string folder = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
        var layout = OciLayout.OpenOrCreate(folder);
        var descriptors = new List<Descriptor>();
        foreach (var (mediaType, bytes) in layers)
        {
            var descriptor = Descriptor.For(mediaType, bytes);
            await layout.PutBlobAsync(descriptor, new MemoryStream(bytes));
            descriptors.Add(descriptor);
        }
        byte[] config = OciJson.Serialize(new ImageConfig { Architecture = "amd64", Os = "linux", RootFs = new RootFs { DiffIds = [] } });
        var configDescriptor = Descriptor.For(MediaTypes.OciConfig, config);
        await layout.PutBlobAsync(configDescriptor, new MemoryStream(config));
        await layout.PutManifestAsync(Manifest.From(new ImageManifest { MediaType = MediaTypes.OciManifest, Config = configDescriptor, Layers = descriptors }), "v1");
        return await FetchedImage.FetchAsync(new ImageStores(new Hull.Oci.Registry.RegistryClient()), ImageLocation.Parse($"oci:{folder}:v1"), CancellationToken.None);
    }

    private static Dictionary<string, string> Text(IReadOnlyDictionary<string, byte[]> files) =>
        files.ToDictionary(f => f.Key, f => Encoding.UTF8.GetString(f.Value));

    [Fact]
    public async Task LaterLayersWinAndLeadingDotSlashIsStripped()
    {
        var image = await ImageAsync(Gzip(Tar(File("./a.yml", "1"), File("b.yml", "1"))), Plain(Tar(File("a.yml", "2"))));
        var files = await LayerFiles.ReadAsync(image, _ => true, CancellationToken.None);
        Assert.Equal(new Dictionary<string, string> { ["a.yml"] = "2", ["b.yml"] = "1" }, Text(files));
        Assert.Equal("2", Encoding.UTF8.GetString((await LayerFiles.ReadFileAsync(image, "a.yml", CancellationToken.None))!));
    }

    [Fact]
    public async Task TheFilterChoosesFiles()
    {
        var image = await ImageAsync(Gzip(Tar(File("packages/a.yml", "a"), File("README.md", "r"))));
        var files = await LayerFiles.ReadAsync(image, p => p.StartsWith("packages/", StringComparison.Ordinal), CancellationToken.None);
        Assert.Equal(["packages/a.yml"], files.Keys);
    }

    [Fact]
    public async Task WhiteoutsRemoveWhatEarlierLayersPut()
    {
        var image = await ImageAsync(
            Gzip(Tar(File("keep.yml", "k"), File("gone.yml", "g"), File("dir/x.yml", "x"), File("opaque/y.yml", "y"))),
            Gzip(Tar(File(".wh.gone.yml", ""), File(".wh.dir", ""), File("opaque/.wh..wh..opq", ""), File("opaque/z.yml", "z"))));
        var files = await LayerFiles.ReadAsync(image, _ => true, CancellationToken.None);
        Assert.Equal(new Dictionary<string, string> { ["keep.yml"] = "k", ["opaque/z.yml"] = "z" }, Text(files));
        Assert.Null(await LayerFiles.ReadFileAsync(image, "gone.yml", CancellationToken.None));
    }

    [Theory]
    [InlineData("dir/.wh..")]
    [InlineData(".wh..wh.x")]
    [InlineData("../.wh.x")]
    public async Task AHostileWhiteoutIsRefused(string name)
    {
        var image = await ImageAsync(Gzip(Tar(File("a.yml", "a"), File(name, ""))));
        var e = await Assert.ThrowsAsync<BundleException>(() => LayerFiles.ReadAsync(image, _ => true, CancellationToken.None));
        Assert.Contains("Refusing tar entry", e.Message);
    }

    [Fact]
    public async Task ALayerThatIsNotATarNamesTheLayer()
    {
        var image = await ImageAsync((MediaTypes.OciLayerGzip, Encoding.UTF8.GetBytes("not gzip")));
        var e = await Assert.ThrowsAsync<BundleException>(() => LayerFiles.ReadAsync(image, _ => true, CancellationToken.None));
        Assert.StartsWith($"Reading layer {image.Manifest.AsImage().Layers[0].Digest} of '{image.DigestReference}'", e.Message);
    }
}
