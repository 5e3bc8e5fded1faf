using Hull.Oci.Copying;
using Hull.Oci.Layout;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;

namespace Hull.Oci.Tests.Registry;

public sealed class RegistryRoundTripTests
{
    private static ImageReference Ref(string prefix, string tag = "v1") => TestRegistry.UniqueReference(prefix, tag);

    [Fact]
    public async Task PushesAndPullsAnImage()
    {
        using var client = new RegistryClient();
        var reference = Ref("push");
        var repo = client.Repository(reference);
        var pushed = await TestImages.PushImageAsync(repo, "push", 3, 4096, "v1", labels: new Dictionary<string, string> { [ImageConfig.BundleLabel] = "true" });

        var resolved = await client.ResolveAsync(reference);
        Assert.Equal(pushed.Digest, resolved.Digest);
        Assert.Equal(MediaTypes.OciManifest, resolved.MediaType);

        var manifest = await client.GetManifestAsync(reference.WithDigest(pushed.Digest));
        Assert.Equal(pushed.Bytes.ToArray(), manifest.Bytes.ToArray());
        var image = manifest.AsImage();
        Assert.Equal(3, image.Layers.Count);

        using var config = new MemoryStream();
        await repo.DownloadBlobAsync(image.Config, config);
        Assert.True(OciJson.ParseConfig(config.ToArray(), "config").IsBundle);
        Assert.True(await repo.HasBlobAsync(image.Layers[0]));
        Assert.Equal(["v1"], await client.ListTagsAsync(reference));
    }

    [Fact]
    public async Task MissingManifestIsNotFoundNamingTheReference()
    {
        using var client = new RegistryClient();
        var reference = Ref("missing", "nope");
        var e = await Assert.ThrowsAsync<OciNotFoundException>(() => client.GetManifestAsync(reference));
        Assert.Contains(reference.ToString(), e.Message);
    }

    [Fact]
    public async Task CopiesLayoutToRegistryAndBack()
    {
        using var temp = TestImages.TempDir();
        using var client = new RegistryClient();
        var source = OciLayout.OpenOrCreate(temp.Sub("src"));
        var pushed = await TestImages.PushIndexAsync(source, "idx", "multi", "amd64", "arm64");

        var reference = Ref("copy", "multi");
        var copier = new ImageCopier(4);
        var descriptor = await copier.CopyAsync(source, "multi", client.Repository(reference), "multi");
        Assert.Equal(pushed.Digest, descriptor.Digest);
        Assert.Equal(6, copier.Statistics.BlobsCopied);

        var again = new ImageCopier(4);
        await again.CopyAsync(source, "multi", client.Repository(reference), "multi");
        Assert.Equal(0, again.Statistics.BlobsCopied);

        var back = OciLayout.OpenOrCreate(temp.Sub("back"));
        await new ImageCopier().CopyAsync(client.Repository(reference), "multi", back, "multi");
        var roundTripped = await back.GetManifestAsync("multi");
        Assert.Equal(pushed.Bytes.ToArray(), roundTripped.Bytes.ToArray());
        Assert.Equal(2, roundTripped.AsIndex().Manifests.Count);
    }
}
