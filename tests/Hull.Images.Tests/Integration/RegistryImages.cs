using System.Text;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;
using Hull.Oci.Storage;

namespace Hull.Images.Tests.Integration;

/// <summary>The test registry (HULL_TEST_REGISTRY, started by scripts/test.sh) and tiny images pushed into it.</summary>
public static class RegistryImages
{
    public static string Host => RegistryUnderTest.Host;

    /// <summary>Pushes a one-layer image to a registry and returns its manifest.</summary>
    public static Task<Manifest> PushImageAsync(RegistryClient client, string reference, string seed, string arch = "amd64")
    {
        var parsed = ImageReference.Parse(reference);
        return PushImageAsync(client.Repository(parsed), parsed.Tag, seed, arch);
    }

    /// <summary>Pushes a one-layer image to any target (a registry repository or an OCI layout).</summary>
    public static async Task<Manifest> PushImageAsync(IImageTarget target, string? tag, string seed, string arch = "amd64")
    {
        byte[] layer = Encoding.UTF8.GetBytes("layer " + seed);
        var layerDescriptor = Descriptor.For(MediaTypes.OciLayerGzip, layer);
        await target.PutBlobAsync(layerDescriptor, new MemoryStream(layer));
        byte[] config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"{arch}\",\"os\":\"linux\",\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[]}},\"seed\":\"{seed}\"}}");
        var configDescriptor = Descriptor.For(MediaTypes.OciConfig, config);
        await target.PutBlobAsync(configDescriptor, new MemoryStream(config));
        var manifest = Manifest.From(new ImageManifest { MediaType = MediaTypes.OciManifest, Config = configDescriptor, Layers = [layerDescriptor] });
        await target.PutManifestAsync(manifest, tag);
        return manifest;
    }

    /// <summary>Pushes an index of an amd64 and an arm64 image under <paramref name="reference"/>'s tag.</summary>
    public static async Task<(Manifest Index, Manifest Amd64, Manifest Arm64)> PushIndexAsync(RegistryClient client, string reference)
    {
        var name = ImageReference.Parse(reference).Name;
        var amd = await PushImageAsync(client, name + ":amd64", "idx-amd64", "amd64");
        var arm = await PushImageAsync(client, name + ":arm64", "idx-arm64", "arm64");
        var index = Manifest.From(new ImageIndex
        {
            MediaType = MediaTypes.OciIndex,
            Manifests =
            [
                amd.Descriptor with { Platform = new Platform { Os = "linux", Architecture = "amd64" } },
                arm.Descriptor with { Platform = new Platform { Os = "linux", Architecture = "arm64" } },
            ],
        });
        await client.Repository(ImageReference.Parse(reference)).PutManifestAsync(index, ImageReference.Parse(reference).Tag);
        return (index, amd, arm);
    }
}
