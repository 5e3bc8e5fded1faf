using Hull.Oci.Manifests;

namespace Hull.Oci.Signatures;

/// <summary>
/// The <c>.sig</c> image cosign writes: an OCI manifest whose layers are simple signing payloads (the base64 signature
/// in each layer's <see cref="SignatureAnnotation"/>) over go-containerregistry's empty image config, one zero-time
/// history entry and one diff id (the payload's digest: the layers are not compressed) per layer. The bytes equal
/// cosign's for the same layers when it signs without <c>--record-creation-timestamp</c>.
/// </summary>
public static class SignatureImage
{
    /// <summary>The layer annotation holding the base64 signature.</summary>
    public const string SignatureAnnotation = "dev.cosignproject.cosign/signature";

    /// <summary>The zero time Go writes for an unset <c>v1.Time</c>.</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    /// <summary>At most this many signature layers are read or written per image (bounds the work of hostile images).</summary>
    public const int MaxSignatures = 100;

    /// <summary>The layer descriptor of a payload with its base64 signature.</summary>
    public static Descriptor Layer(ReadOnlySpan<byte> payload, string base64Signature) =>
        Descriptor.For(SimpleSigningPayload.MediaType, payload) with
        {
            Annotations = new Dictionary<string, string> { [SignatureAnnotation] = base64Signature },
        };

    /// <summary>The config bytes for these layers.</summary>
    public static byte[] Config(IReadOnlyList<Descriptor> layers) => OciJson.Serialize(new ImageConfig
    {
        Created = ZeroTime,
        History = layers.Select(_ => new HistoryEntry { Created = ZeroTime }).ToList(),
        RootFs = new RootFs { DiffIds = layers.Select(l => l.Digest.ToString()).ToList() },
    });

    /// <summary>The manifest over <paramref name="layers"/> and the config blob it points at.</summary>
    public static (Manifest Manifest, byte[] Config) Build(IReadOnlyList<Descriptor> layers)
    {
        byte[] config = Config(layers);
        var manifest = Manifest.From(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = Descriptor.For(MediaTypes.OciConfig, config),
            Layers = layers,
        });
        return (manifest, config);
    }
}
