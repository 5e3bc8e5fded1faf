using Hull.Oci.Copying;
using Hull.Oci.Layout;
using Hull.Oci.Manifests;
using Hull.Oci.Registry;
using Hull.Oci.Tests.Auth;

namespace Hull.Oci.Tests.Copying;

public sealed class CopierFaultTests
{
    [Fact]
    public async Task RetriesABlobWhoseDownloadBrokeMidway()
    {
        using var temp = TestImages.TempDir();
        var source = OciLayout.OpenOrCreate(temp.Sub("src"));
        var manifest = await TestImages.PushImageAsync(source, "broken", 2, 200_000, "v1");
        var gets = new Dictionary<string, int>();
        using var fake = FakeImageRegistry.Serve(source, manifest, n => n == 1 ? BlobBody.Half : BlobBody.Whole, gets);
        using var client = new RegistryClient(new RegistryOptions { Anonymous = true });
        var target = OciLayout.OpenOrCreate(temp.Sub("dst"));

        var copier = new ImageCopier();
        await copier.CopyAsync(client.Repository(Hull.Oci.References.ImageReference.Parse($"{fake.Host}/app:v1")), "v1", target, "v1");

        Assert.Equal(3, copier.Statistics.BlobsCopied);
        Assert.All(gets.Values, n => Assert.Equal(2, n));
        Assert.Equal(manifest.Digest, (await target.GetManifestAsync("v1")).Digest);
        Assert.Empty(Directory.EnumerateFiles(temp.Sub("dst/blobs/sha256"), ".tmp-*"));
    }

    [Fact]
    public async Task ARepeatedCopySkipsBlobsAlreadyThere()
    {
        using var temp = TestImages.TempDir();
        var source = OciLayout.OpenOrCreate(temp.Sub("src"));
        var manifest = await TestImages.PushImageAsync(source, "resume", 3, 1000, "v1");
        var target = OciLayout.OpenOrCreate(temp.Sub("dst"));
        // As if an earlier copy died after two of the four blobs.
        var image = manifest.AsImage();
        foreach (var blob in new[] { image.Config, image.Layers[0] })
        {
            await using var stream = await source.OpenBlobAsync(blob);
            await target.PutBlobAsync(blob, stream);
        }
        var copier = new ImageCopier();
        await copier.CopyAsync(source, "v1", target, "v1");
        Assert.Equal(2, copier.Statistics.BlobsSkipped);
        Assert.Equal(2, copier.Statistics.BlobsCopied);
    }
}
