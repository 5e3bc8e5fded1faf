using System.Security.Cryptography;
using System.Text;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Oci.Tests;

/// <summary>Builds small synthetic images in memory and writes them into any image target.</summary>
public static class TestImages
{
    /// <summary>Deterministic pseudo-random bytes.</summary>
    public static byte[] Bytes(string seed, int size)
    {
        var output = new byte[size];
        byte[] block = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        for (int offset = 0; offset < size; offset += block.Length)
        {
            block = SHA256.HashData(block);
            block.AsSpan(0, Math.Min(block.Length, size - offset)).CopyTo(output.AsSpan(offset));
        }
        return output;
    }

    /// <summary>Gzip-compressed bytes, so tools that sniff layer compression (skopeo) see what the media type says.</summary>
    public static byte[] Gzip(byte[] raw)
    {
        var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(raw);
        return output.ToArray();
    }

    /// <summary>An image with the given layers, a config carrying labels and platform; blobs pushed to target.</summary>
    public static async Task<Manifest> PushImageAsync(IImageTarget target, string seed, int layers, int layerSize,
        string? tag, string arch = "amd64", IReadOnlyDictionary<string, string>? labels = null, string manifestType = MediaTypes.OciManifest)
    {
        var layerDescriptors = new List<Descriptor>();
        for (int i = 0; i < layers; i++)
        {
            byte[] content = Gzip(Bytes($"{seed}-layer-{i}", layerSize));
            var d = Descriptor.For(manifestType == MediaTypes.DockerManifest ? MediaTypes.DockerLayer : MediaTypes.OciLayerGzip, content);
            await target.PutBlobAsync(d, new MemoryStream(content));
            layerDescriptors.Add(d);
        }
        var config = new ImageConfig
        {
            Architecture = arch,
            Os = "linux",
            Config = new ContainerConfig { Labels = labels },
            RootFs = new RootFs { DiffIds = layerDescriptors.Select(l => l.Digest.ToString()).ToList() },
        };
        byte[] configBytes = OciJson.Serialize(config);
        var configDescriptor = Descriptor.For(manifestType == MediaTypes.DockerManifest ? MediaTypes.DockerConfig : MediaTypes.OciConfig, configBytes);
        await target.PutBlobAsync(configDescriptor, new MemoryStream(configBytes));
        var manifest = Manifest.From(new ImageManifest { MediaType = manifestType, Config = configDescriptor, Layers = layerDescriptors });
        await target.PutManifestAsync(manifest, tag);
        return manifest;
    }

    /// <summary>An index of one image per architecture.</summary>
    public static async Task<Manifest> PushIndexAsync(IImageTarget target, string seed, string? tag, params string[] architectures)
    {
        var entries = new List<Descriptor>();
        foreach (string arch in architectures)
        {
            var image = await PushImageAsync(target, $"{seed}-{arch}", 2, 1024, null, arch);
            entries.Add(image.Descriptor with { Platform = new Platform { Architecture = arch, Os = "linux" } });
        }
        var index = Manifest.From(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = entries });
        await target.PutManifestAsync(index, tag);
        return index;
    }

    /// <summary>A fresh temp directory, deleted by the returned handle.</summary>
    public static TempDirectory TempDir() => new();
}

/// <summary>A temp directory removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("hull-oci-test-").FullName;

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
