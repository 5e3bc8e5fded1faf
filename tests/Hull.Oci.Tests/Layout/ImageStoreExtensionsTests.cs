using Hull.Oci.Layout;
using Hull.Oci.Manifests;
using Hull.Oci.Storage;

namespace Hull.Oci.Tests.Layout;

public sealed class ImageStoreExtensionsTests
{
    [Fact]
    public async Task PutsAndReadsSmallBlobsAndConfigs()
    {
        using var temp = TestImages.TempDir();
        var layout = OciLayout.OpenOrCreate(temp.Sub("l"));
        byte[] config = OciJson.Serialize(new ImageConfig
        {
            Config = new ContainerConfig { Labels = new Dictionary<string, string> { [ImageConfig.BundleLabel] = "true" } },
        });
        var descriptor = await layout.PutBlobAsync(MediaTypes.OciConfig, config);
        Assert.Equal(config, await layout.ReadBlobAsync(descriptor));
        Assert.True((await layout.ReadConfigAsync(descriptor)).IsBundle);
        await Assert.ThrowsAsync<OciException>(() => layout.ReadBlobAsync(descriptor, maxBytes: 5));
    }

    [Fact]
    public async Task ReadBlobDetectsTampering()
    {
        using var temp = TestImages.TempDir();
        var layout = OciLayout.OpenOrCreate(temp.Sub("l"));
        var descriptor = await layout.PutBlobAsync(MediaTypes.OciConfig, "{\"a\":1}"u8.ToArray());
        await File.WriteAllTextAsync(layout.BlobPath(descriptor.Digest), "{\"a\":2}");
        await Assert.ThrowsAsync<DigestMismatchException>(() => layout.ReadBlobAsync(descriptor));
    }
}
