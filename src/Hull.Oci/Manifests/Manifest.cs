using Hull.Oci.References;

namespace Hull.Oci.Manifests;

/// <summary>
/// A manifest exactly as stored: its bytes (the digest is over them), media type and digest.
/// Parse it with <see cref="AsImage"/> or <see cref="AsIndex"/>; build one with <see cref="From(ImageManifest)"/>.
/// </summary>
public sealed class Manifest
{
    private ImageManifest? _image;
    private ImageIndex? _index;

    /// <summary>The manifest's media type.</summary>
    public string MediaType { get; }

    /// <summary>The digest of <see cref="Bytes"/>.</summary>
    public Digest Digest { get; }

    /// <summary>The exact bytes.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    private Manifest(string mediaType, Digest digest, ReadOnlyMemory<byte> bytes)
    {
        MediaType = mediaType;
        Digest = digest;
        Bytes = bytes;
    }

    /// <summary>True for an OCI index or Docker manifest list.</summary>
    public bool IsIndex => MediaTypes.IsIndex(MediaType);

    /// <summary>The descriptor that points at this manifest.</summary>
    public Descriptor Descriptor => new() { MediaType = MediaType, Size = Bytes.Length, Digest = Digest };

    /// <summary>
    /// Wraps bytes read from somewhere. The media type comes from the document when it names one, else from
    /// <paramref name="mediaType"/> (a Content-Type or descriptor), else from the document's shape.
    /// </summary>
    public static Manifest FromBytes(ReadOnlyMemory<byte> bytes, string? mediaType, string what)
    {
        var probe = OciJson.Parse(bytes.Span, OciJson.Context.ManifestProbe, what);
        string? type = probe.MediaType;
        if (string.IsNullOrEmpty(type))
        {
            if (MediaTypes.IsManifest(mediaType))
                type = mediaType;
            else if (probe.Manifests is not null)
                type = MediaTypes.OciIndex;
            else if (probe.Config is not null)
                type = MediaTypes.OciManifest;
        }
        if (!MediaTypes.IsManifest(type))
            throw new OciException($"{what}: unsupported manifest media type \"{type ?? mediaType ?? "(none)"}\"");
        if (probe.SchemaVersion != 2)
            throw new OciException($"{what}: unsupported manifest schemaVersion {probe.SchemaVersion} (only 2)");
        return new Manifest(type!, Digest.Compute(bytes.Span), bytes);
    }

    /// <summary>Wraps bytes and checks that they hash to <paramref name="expected"/>.</summary>
    public static Manifest FromBytes(ReadOnlyMemory<byte> bytes, string? mediaType, Digest expected, string what)
    {
        var actual = Digest.Compute(bytes.Span);
        if (actual != expected)
            throw new DigestMismatchException($"{what}: manifest digest mismatch: expected {expected}, got {actual}");
        return FromBytes(bytes, mediaType, what);
    }

    /// <summary>A manifest with the canonical bytes of <paramref name="image"/>.</summary>
    public static Manifest From(ImageManifest image)
    {
        string type = image.MediaType ?? MediaTypes.OciManifest;
        byte[] bytes = OciJson.Serialize(image);
        return new Manifest(type, Digest.Compute(bytes), bytes) { _image = image };
    }

    /// <summary>A manifest with the canonical bytes of <paramref name="index"/>.</summary>
    public static Manifest From(ImageIndex index)
    {
        string type = index.MediaType ?? MediaTypes.OciIndex;
        byte[] bytes = OciJson.Serialize(index);
        return new Manifest(type, Digest.Compute(bytes), bytes) { _index = index };
    }

    /// <summary>The parsed single-image manifest; throws for an index.</summary>
    public ImageManifest AsImage()
    {
        if (IsIndex)
            throw new OciException($"manifest {Digest} is an index ({MediaType}), not an image");
        return _image ??= OciJson.Parse(Bytes.Span, OciJson.Context.ImageManifest, $"manifest {Digest}");
    }

    /// <summary>The parsed index; throws for a single-image manifest.</summary>
    public ImageIndex AsIndex()
    {
        if (!IsIndex)
            throw new OciException($"manifest {Digest} is an image ({MediaType}), not an index");
        return _index ??= OciJson.Parse(Bytes.Span, OciJson.Context.ImageIndex, $"manifest {Digest}");
    }

    /// <summary>Every descriptor this manifest points at: config and layers, or index entries.</summary>
    public IReadOnlyList<Descriptor> Children()
    {
        if (IsIndex)
            return AsIndex().Manifests;
        var image = AsImage();
        var all = new List<Descriptor>(image.Layers.Count + 1) { image.Config };
        all.AddRange(image.Layers);
        return all;
    }
}
