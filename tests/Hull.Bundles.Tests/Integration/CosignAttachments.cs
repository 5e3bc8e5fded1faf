using System.Text;
using Hull.Bundles.Copying;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;
using Hull.Oci.Signatures;

namespace Hull.Bundles.Tests.Integration;

/// <summary>
/// Hand-made cosign images (signature, attestation, SBOM) attached to an image under its cosign tag: the copy tests
/// need only their shape, not a valid signature.
/// </summary>
public static class CosignAttachments
{
    private static readonly Dictionary<string, string> LayerTypes = new()
    {
        [".sig"] = "application/vnd.dev.cosign.simplesigning.v1+json",
        [".att"] = "application/vnd.dsse.envelope.v1+json",
        [".sbom"] = "text/spdx",
    };

    /// <summary>Pushes a <paramref name="kind"/> image for <paramref name="subject"/> into <paramref name="store"/>; returns its digest.</summary>
    public static async Task<Digest> AttachAsync(IImageStore store, Digest subject, string kind, int layers = 1)
    {
        byte[] payload = Encoding.UTF8.GetBytes($$$"""{"critical":{"identity":{"docker-reference":"test"},"image":{"docker-manifest-digest":"{{{subject}}}"},"type":"cosign container image signature"},"optional":{"kind":"{{{kind[1..]}}}"}}""");
        var layer = Descriptor.For(LayerTypes[kind], payload) with { Annotations = new Dictionary<string, string> { ["dev.cosignproject.cosign/signature"] = "MEUCIQ==" } };
        byte[] config = Encoding.UTF8.GetBytes($$$"""{"architecture":"","os":"","config":{},"rootfs":{"type":"layers","diff_ids":["{{{layer.Digest}}}"]}}""");
        var configDescriptor = Descriptor.For(MediaTypes.OciConfig, config);
        await store.PutBlobAsync(layer, new MemoryStream(payload));
        await store.PutBlobAsync(configDescriptor, new MemoryStream(config));
        var manifest = Manifest.From(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = configDescriptor,
            Layers = Enumerable.Repeat(layer, layers).ToList(),
        });
        await store.PutManifestAsync(manifest, SignatureTags.For(subject, kind));
        return manifest.Digest;
    }
}
