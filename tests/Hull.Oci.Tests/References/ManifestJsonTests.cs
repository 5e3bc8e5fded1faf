using System.Text;
using Hull.Oci.Manifests;

namespace Hull.Oci.Tests.References;

public sealed class ManifestJsonTests
{
    [Fact]
    public void KeepsTheExactBytesOfWhatWasRead()
    {
        // Whitespace and key order that Hull would never write: the digest must be over these bytes.
        byte[] bytes = Encoding.UTF8.GetBytes("""
            {  "schemaVersion": 2, "config": {"size": 2, "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "mediaType": "application/vnd.oci.image.config.v1+json"},
               "layers": [], "mediaType": "application/vnd.oci.image.manifest.v1+json" }
            """);
        var manifest = Manifest.FromBytes(bytes, null, "test");
        Assert.Equal(bytes, manifest.Bytes.ToArray());
        Assert.Equal(Hull.Oci.References.Digest.Compute(bytes), manifest.Digest);
        Assert.Equal(MediaTypes.OciManifest, manifest.MediaType);
        Assert.Empty(manifest.AsImage().Layers);
    }

    [Fact]
    public void WritesCanonicalDeterministicJson()
    {
        var config = Descriptor.For(MediaTypes.OciConfig, "{}"u8);
        var manifest = new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = config,
            Layers = [],
            Annotations = new Dictionary<string, string> { ["z"] = "1", ["a"] = "<&>" },
        };
        string json = Encoding.UTF8.GetString(OciJson.Serialize(manifest));
        Assert.Equal(
            """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},"layers":[],"annotations":{"a":"<&>","z":"1"}}""",
            json);
        Assert.Equal(Manifest.From(manifest).Digest, Manifest.From(manifest with { }).Digest);
    }

    [Fact]
    public void InfersIndexWithoutMediaType()
    {
        var manifest = Manifest.FromBytes("""{"schemaVersion":2,"manifests":[]}"""u8.ToArray(), null, "test");
        Assert.True(manifest.IsIndex);
    }

    [Fact]
    public void RejectsSchemaVersion1AndGarbage()
    {
        Assert.Throws<OciException>(() => Manifest.FromBytes("""{"schemaVersion":1,"mediaType":"application/vnd.oci.image.manifest.v1+json"}"""u8.ToArray(), null, "t"));
        var e = Assert.Throws<OciException>(() => Manifest.FromBytes("not json"u8.ToArray(), null, "some/ref"));
        Assert.Contains("some/ref", e.Message);
    }

    [Fact]
    public void ReadsBundleLabelFromConfig()
    {
        var config = OciJson.ParseConfig("""{"architecture":"","os":"","config":{"Labels":{"dev.carvel.imgpkg.bundle":"true"}},"rootfs":{"type":"layers","diff_ids":[]}}"""u8, "cfg");
        Assert.True(config.IsBundle);
    }
}
