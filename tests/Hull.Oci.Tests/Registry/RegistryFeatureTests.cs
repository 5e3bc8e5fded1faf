using Hull.Oci.Copying;
using Hull.Oci.Layout;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;

namespace Hull.Oci.Tests.Registry;

public sealed class RegistryFeatureTests
{
    private static ImageReference Ref(string prefix, string tag = "v1") => TestRegistry.UniqueReference(prefix, tag);

    [Fact]
    public async Task UploadsALargeBlobInChunksFromAFile()
    {
        using var temp = TestImages.TempDir();
        string file = temp.Sub("big");
        byte[] content = TestImages.Bytes("big", 11 * 1024 * 1024 + 123);
        await File.WriteAllBytesAsync(file, content);
        var descriptor = Descriptor.For(MediaTypes.OciLayer, content);

        using var client = new RegistryClient(new RegistryOptions { ChunkSize = 4 * 1024 * 1024, MonolithicUploadLimit = 1024 * 1024 });
        var repo = client.Repository(Ref("chunked"));
        await using (var stream = File.OpenRead(file))
            await repo.PutBlobAsync(descriptor, stream);
        Assert.True(await repo.HasBlobAsync(descriptor));
        using var back = new MemoryStream();
        await repo.DownloadBlobAsync(descriptor, back);
        Assert.Equal(content, back.ToArray());
    }

    [Fact]
    public async Task UploadOfWrongContentIsRejected()
    {
        using var client = new RegistryClient();
        var repo = client.Repository(Ref("wrong"));
        byte[] content = TestImages.Bytes("a", 5000);
        var descriptor = Descriptor.For(MediaTypes.OciLayer, content);
        content[0] ^= 0xff;
        await Assert.ThrowsAsync<DigestMismatchException>(() => repo.PutBlobAsync(descriptor, new NonSeekable(content)));
        Assert.False(await repo.HasBlobAsync(descriptor));
    }

    [Fact]
    public async Task MountsBlobsAcrossRepositoriesOfTheSameRegistry()
    {
        using var client = new RegistryClient();
        var from = client.Repository(Ref("mount-src"));
        await TestImages.PushImageAsync(from, "mount", 2, 2048, "v1");
        var to = client.Repository(Ref("mount-dst"));
        var copier = new ImageCopier();
        await copier.CopyAsync(from, "v1", to, "v1");
        Assert.Equal(3, copier.Statistics.BlobsMounted);
        Assert.Equal(0, copier.Statistics.BlobsCopied);
        Assert.Equal((await from.ResolveAsync("v1")).Digest, (await to.ResolveAsync("v1")).Digest);
    }

    [Fact]
    public async Task ListsTagsAcrossPages()
    {
        using var client = new RegistryClient();
        var repo = client.Repository(Ref("tags"));
        var image = await TestImages.PushImageAsync(repo, "tags", 1, 100, "t0");
        for (int i = 1; i < 7; i++)
            await repo.PutManifestAsync(image, "t" + i);
        var tags = await repo.ListTagsAsync(pageSize: 2);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => "t" + i).Order(), tags.Order());
    }

    [Fact]
    public async Task DockerSchema2ManifestsRoundTrip()
    {
        using var client = new RegistryClient();
        var reference = Ref("docker");
        var repo = client.Repository(reference);
        var pushed = await TestImages.PushImageAsync(repo, "docker", 1, 100, "v1", manifestType: MediaTypes.DockerManifest);
        var got = await client.GetManifestAsync(reference);
        Assert.Equal(MediaTypes.DockerManifest, got.MediaType);
        Assert.Equal(pushed.Digest, got.Digest);
        Assert.Equal(MediaTypes.DockerManifest, (await client.ResolveAsync(reference)).MediaType);
    }

    [Fact]
    public async Task CopiesEveryPlatformOfAnIndexRegistryToRegistry()
    {
        using var client = new RegistryClient();
        var source = client.Repository(Ref("idx-src"));
        var index = await TestImages.PushIndexAsync(source, "plat", "multi", "amd64", "arm64", "s390x");
        using var other = new RegistryClient();
        var target = other.Repository(Ref("idx-dst"));
        var copier = new ImageCopier(3);
        await copier.CopyAsync(source, "multi", target, "multi");
        Assert.Equal(9, copier.Statistics.BlobsCopied);
        var copied = await target.GetManifestAsync("multi");
        Assert.Equal(index.Digest, copied.Digest);
        foreach (var entry in copied.AsIndex().Manifests)
            Assert.True(await target.HasManifestAsync(entry));
    }

    [Fact]
    public async Task TamperedLayoutBlobIsDetectedNamingBothDigests()
    {
        using var temp = TestImages.TempDir();
        var layout = OciLayout.OpenOrCreate(temp.Sub("layout"));
        var manifest = await TestImages.PushImageAsync(layout, "tamper", 1, 4096, "v1");
        var layer = manifest.AsImage().Layers[0];
        string path = layout.BlobPath(layer.Digest);
        byte[] bytes = await File.ReadAllBytesAsync(path);
        bytes[100] ^= 1;
        await File.WriteAllBytesAsync(path, bytes);

        using var client = new RegistryClient();
        var reference = Ref("tamper");
        var e = await Assert.ThrowsAsync<DigestMismatchException>(() => new ImageCopier().CopyAsync(layout, "v1", client.Repository(reference), "v1"));
        Assert.Contains(layer.Digest.ToString(), e.Message);
        Assert.Contains(Digest.Compute(bytes).ToString(), e.Message);
        Assert.Contains(layout.Location, e.Message);
        Assert.False(await client.Repository(reference).HasBlobAsync(layer));
        await Assert.ThrowsAsync<OciNotFoundException>(() => client.ResolveAsync(reference));
    }

    private sealed class NonSeekable(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
