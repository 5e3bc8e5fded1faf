using System.Text.Json;
using Hull.Oci.Layout;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Oci.Tests.Layout;

public sealed class OciLayoutTests
{
    [Fact]
    public async Task CreatesTheLayoutFilesSkopeoExpects()
    {
        using var temp = TestImages.TempDir();
        var layout = OciLayout.OpenOrCreate(temp.Sub("l"));
        var image = await TestImages.PushImageAsync(layout, "files", 1, 10, "v1");
        Assert.Equal("""{"imageLayoutVersion":"1.0.0"}""", await File.ReadAllTextAsync(temp.Sub("l/oci-layout")));
        using var index = JsonDocument.Parse(await File.ReadAllTextAsync(temp.Sub("l/index.json")));
        var entry = index.RootElement.GetProperty("manifests")[0];
        Assert.Equal(image.Digest.ToString(), entry.GetProperty("digest").GetString());
        Assert.Equal("v1", entry.GetProperty("annotations").GetProperty(OciLayout.RefNameAnnotation).GetString());
        Assert.True(File.Exists(layout.BlobPath(image.Digest)));
        Assert.Empty(Directory.EnumerateFiles(temp.Sub("l/blobs/sha256"), ".tmp-*"));
    }

    [Fact]
    public async Task ResolvesTheOnlyImageTagsAndDigests()
    {
        using var temp = TestImages.TempDir();
        var layout = OciLayout.OpenOrCreate(temp.Sub("l"));
        await Assert.ThrowsAsync<OciNotFoundException>(() => layout.ResolveAsync(null));
        var first = await TestImages.PushImageAsync(layout, "one", 1, 10, "a");
        Assert.Equal(first.Digest, (await layout.ResolveAsync(null)).Digest);
        var second = await TestImages.PushImageAsync(layout, "two", 1, 10, "b");
        var e = await Assert.ThrowsAsync<OciException>(() => layout.ResolveAsync(null));
        Assert.Contains("oci:PATH:TAG", e.Message);
        Assert.Equal(second.Digest, (await layout.ResolveAsync("b")).Digest);
        Assert.Equal(first.Digest, (await layout.ResolveAsync(first.Digest.ToString())).Digest);
        var missing = await Assert.ThrowsAsync<OciNotFoundException>(() => layout.ResolveAsync("zzz"));
        Assert.Contains(":zzz", missing.Message);

        // A child manifest stored without a tag is still reachable by digest.
        var child = await TestImages.PushImageAsync(layout, "child", 1, 10, null);
        Assert.Equal(child.Digest, (await layout.GetManifestAsync(child.Digest.ToString())).Digest);
        Assert.Equal(2, (await layout.ReadIndexAsync()).Manifests.Count);
    }

    [Fact]
    public async Task WrongBlobContentLeavesNothingBehind()
    {
        using var temp = TestImages.TempDir();
        var layout = OciLayout.OpenOrCreate(temp.Sub("l"));
        byte[] content = TestImages.Bytes("c", 10_000);
        var descriptor = Descriptor.For(MediaTypes.OciLayer, content);
        content[5] ^= 1;
        await Assert.ThrowsAsync<DigestMismatchException>(() => layout.PutBlobAsync(descriptor, new MemoryStream(content)));
        Assert.False(await layout.HasBlobAsync(descriptor));
        Assert.Empty(Directory.EnumerateFiles(temp.Sub("l/blobs/sha256")));
    }

    [Fact]
    public async Task TamperedManifestIsRejected()
    {
        using var temp = TestImages.TempDir();
        var layout = OciLayout.OpenOrCreate(temp.Sub("l"));
        var image = await TestImages.PushImageAsync(layout, "m", 1, 10, "v1");
        string path = layout.BlobPath(image.Digest);
        string text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace("\"schemaVersion\":2", "\"schemaVersion\": 2"));
        var e = await Assert.ThrowsAsync<DigestMismatchException>(() => layout.GetManifestAsync("v1"));
        Assert.Contains(image.Digest.ToString(), e.Message);
    }

    [Fact]
    public void RefusesDirectoriesThatAreNotLayouts()
    {
        using var temp = TestImages.TempDir();
        File.WriteAllText(temp.Sub("file"), "x");
        Assert.Throws<OciException>(() => OciLayout.OpenOrCreate(temp.Path));
        var e = Assert.Throws<OciNotFoundException>(() => OciLayout.Open(temp.Sub("none")));
        Assert.Contains("not an OCI image layout", e.Message);
    }

    [Fact]
    public async Task OpensStoresFromLocations()
    {
        using var temp = TestImages.TempDir();
        using var client = new Hull.Oci.Registry.RegistryClient();
        var location = ImageLocation.Parse($"oci:{temp.Sub("x")}:v1");
        var store = new ImageStores(client).Open(location, forWrite: true);
        Assert.IsType<OciLayout>(store);
        await TestImages.PushImageAsync(store, "s", 1, 10, location.Identifier);
        Assert.Equal(["v1"], await ((OciLayout)new ImageStores(client).Open(location)).ListTagsAsync());
        Assert.IsType<Hull.Oci.Registry.RegistryRepository>(new ImageStores(client).Open(ImageLocation.Parse("localhost:5000/a:b")));
    }
}
