using System.Text.Json;
using Hull.Oci.Copying;
using Hull.Oci.Layout;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;

namespace Hull.Oci.Tests.Layout;

/// <summary>What Hull writes, skopeo reads, and the reverse: OCI layouts and the registry.</summary>
public sealed class SkopeoInteropTests
{
    private static string Repo(string prefix) => $"{TestRegistry.Host}/{TestRegistry.UniqueRepository(prefix)}";

    private static async Task<string> InspectDigest(string dockerReference)
    {
        string json = await Tool.Skopeo("inspect", "--tls-verify=false", "--raw", "docker://" + dockerReference);
        return Digest.Compute(System.Text.Encoding.UTF8.GetBytes(json)).ToString();
    }

    [Fact]
    public async Task SkopeoCopiesHullsLayoutToTheRegistry()
    {
        using var temp = TestImages.TempDir();
        var layout = OciLayout.OpenOrCreate(temp.Sub("hull"));
        var image = await TestImages.PushImageAsync(layout, "to-skopeo", 2, 3000, "v1");
        await TestImages.PushImageAsync(layout, "other", 1, 10, "v2");
        string repo = Repo("skopeo-in");

        await Tool.Skopeo("copy", "--dest-tls-verify=false", $"oci:{layout.Root}:v1", $"docker://{repo}:v1");

        string inspect = await Tool.Skopeo("inspect", "--tls-verify=false", $"docker://{repo}:v1");
        using var doc = JsonDocument.Parse(inspect);
        Assert.Equal(image.Digest.ToString(), doc.RootElement.GetProperty("Digest").GetString());
        using var client = new RegistryClient();
        Assert.Equal(image.Digest, (await client.ResolveAsync(ImageReference.Parse(repo + ":v1"))).Digest);
    }

    [Fact]
    public async Task SkopeoCopiesHullsIndexLayoutWithAllPlatforms()
    {
        using var temp = TestImages.TempDir();
        var layout = OciLayout.OpenOrCreate(temp.Sub("hull"));
        var index = await TestImages.PushIndexAsync(layout, "skopeo-idx", "multi", "amd64", "arm64");
        string repo = Repo("skopeo-idx");
        await Tool.Skopeo("copy", "--all", "--dest-tls-verify=false", $"oci:{layout.Root}:multi", $"docker://{repo}:multi");
        Assert.Equal(index.Digest.ToString(), await InspectDigest(repo + ":multi"));
    }

    [Fact]
    public async Task HullReadsWhatSkopeoWroteToALayout()
    {
        using var temp = TestImages.TempDir();
        using var client = new RegistryClient();
        string repo = Repo("skopeo-out");
        var pushed = await TestImages.PushImageAsync(client.Repository(ImageReference.Parse(repo)), "from-skopeo", 2, 5000, "v1");

        string path = temp.Sub("skopeo");
        await Tool.Skopeo("copy", "--src-tls-verify=false", $"docker://{repo}:v1", $"oci:{path}:mytag");

        var layout = OciLayout.Open(path);
        Assert.Equal(["mytag"], await layout.ListTagsAsync());
        var manifest = await layout.GetManifestAsync("mytag");
        Assert.Equal(pushed.Digest, manifest.Digest);
        var back = ImageReference.Parse(Repo("skopeo-back") + ":v1");
        await new ImageCopier().CopyAsync(layout, "mytag", client.Repository(back), "v1");
        Assert.Equal(pushed.Digest.ToString(), await InspectDigest(back.ToString()));
    }

    [Fact]
    public async Task SkopeoAndHullShareOneLayout()
    {
        using var temp = TestImages.TempDir();
        using var client = new RegistryClient();
        var layout = OciLayout.OpenOrCreate(temp.Sub("shared"));
        var hullImage = await TestImages.PushImageAsync(layout, "mine", 1, 100, "hull");

        string repo = Repo("shared");
        var theirs = await TestImages.PushImageAsync(client.Repository(ImageReference.Parse(repo)), "theirs", 1, 100, "v1");
        await Tool.Skopeo("copy", "--src-tls-verify=false", $"docker://{repo}:v1", $"oci:{layout.Root}:skopeo");

        Assert.Equal(hullImage.Digest, (await layout.ResolveAsync("hull")).Digest);
        Assert.Equal(theirs.Digest, (await layout.ResolveAsync("skopeo")).Digest);

        // Re-tagging replaces the entry, as skopeo does.
        await layout.PutManifestAsync(hullImage, "skopeo");
        Assert.Equal(hullImage.Digest, (await layout.ResolveAsync("skopeo")).Digest);
        Assert.Equal(2, (await layout.ReadIndexAsync()).Manifests.Count);
        string inspect = await Tool.Skopeo("inspect", "--raw", $"oci:{layout.Root}:skopeo");
        Assert.Equal(hullImage.Bytes.ToArray(), System.Text.Encoding.UTF8.GetBytes(inspect));
    }

    [Fact]
    public async Task CopiesTheImageWorkloadLayoutToTheRegistry()
    {
        using var temp = TestImages.TempDir();
        await Tool.ImageWorkload(temp.Path, 3, 2, 64);
        var layout = OciLayout.Open(Path.Combine(temp.Path, "layout"));
        using var client = new RegistryClient();
        string repo = Repo("workload");
        var copier = new ImageCopier();
        foreach (string tag in await layout.ListTagsAsync())
        {
            var descriptor = await copier.CopyAsync(layout, tag, client.Repository(ImageReference.Parse(repo)), tag);
            Assert.Equal(descriptor.Digest.ToString(), await InspectDigest($"{repo}:{tag}"));
        }
        Assert.Equal(9, copier.Statistics.BlobsCopied);
    }
}
