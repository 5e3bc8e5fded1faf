using System.Formats.Tar;
using System.IO.Compression;
using Hull.Oci.Layout;
using Hull.Oci.Manifests;

namespace Hull.Cli.Tests.HostileInput;

/// <summary>Hand-made bundles as an attacker would push them: raw tar entries (any name, type, size), one layer, in an OCI layout.</summary>
public static class CraftedBundle
{
    /// <summary>A tar of <paramref name="entries"/>, written in order.</summary>
    public static byte[] Tar(params TarEntry[] entries)
    {
        var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }
        return ms.ToArray();
    }

    /// <summary>A regular file entry.</summary>
    public static PaxTarEntry File(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), Mode = (UnixFileMode)0b110_100_100 };

    /// <summary>Gzip of <paramref name="raw"/>.</summary>
    public static byte[] Gzip(byte[] raw)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }
        return output.ToArray();
    }

    /// <summary>A gzip tar holding <paramref name="name"/> as <paramref name="size"/> zero bytes: a small layer that inflates enormously.</summary>
    public static byte[] Bomb(string name, long size, params TarEntry[] before)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in before)
            {
                writer.WriteEntry(entry);
            }
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new Zeros(size), Mode = (UnixFileMode)0b110_100_100 });
        }
        return output.ToArray();
    }

    /// <summary>Pushes a bundle whose one layer is <paramref name="layer"/> (gzip bytes) into the layout <paramref name="folder"/>; returns <c>oci:FOLDER:TAG</c>.</summary>
    public static async Task<string> PushAsync(string folder, string tag, byte[] layer, bool bundle = true)
    {
        var layout = OciLayout.OpenOrCreate(folder);
        var layerDescriptor = Descriptor.For(MediaTypes.OciLayerGzip, layer);
        await layout.PutBlobAsync(layerDescriptor, new MemoryStream(layer));
        var config = new ImageConfig
        {
            Architecture = "amd64",
            Os = "linux",
            Config = new ContainerConfig { Labels = bundle ? new Dictionary<string, string> { [ImageConfig.BundleLabel] = "true" } : null },
            RootFs = new RootFs { DiffIds = [layerDescriptor.Digest.ToString()] },
        };
        byte[] configBytes = OciJson.Serialize(config);
        var configDescriptor = Descriptor.For(MediaTypes.OciConfig, configBytes);
        await layout.PutBlobAsync(configDescriptor, new MemoryStream(configBytes));
        await layout.PutManifestAsync(Manifest.From(new ImageManifest { MediaType = MediaTypes.OciManifest, Config = configDescriptor, Layers = [layerDescriptor] }), tag);
        return $"oci:{folder}:{tag}";
    }

    /// <summary>Every file and folder under <paramref name="folder"/> with its content (or "dir"), to compare before and after.</summary>
    public static SortedDictionary<string, string> Snapshot(string folder)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories))
        {
            all[Path.GetRelativePath(folder, path)] = Directory.Exists(path) ? "dir" : System.IO.File.ReadAllText(path);
        }
        return all;
    }
}

/// <summary>A stream of <c>length</c> zero bytes, never held in memory.</summary>
internal sealed class Zeros(long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true; // TarWriter asks the length of a stream written to an unseekable archive

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => _position; set => _position = value; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = (int)Math.Min(count, length - _position);
        Array.Clear(buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
