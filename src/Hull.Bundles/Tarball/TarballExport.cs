using Hull.Oci.Manifests;
using Hull.Oci.Storage;

namespace Hull.Bundles.Tarball;

/// <summary>One image or index to put into a tarball, with imgpkg's per-item metadata.</summary>
/// <param name="Source">Where to read it from.</param>
/// <param name="Manifest">Its manifest descriptor.</param>
/// <param name="Reference">Its digest reference (<c>registry/repo@sha256:…</c>), recorded in <c>Refs</c>.</param>
/// <param name="Tag">The tag to restore when imported, or empty.</param>
/// <param name="OrigRef">The reference in the bundle's ImagesLock it came from, or empty.</param>
/// <param name="Labels">imgpkg labels, such as the root-bundle marker.</param>
/// <param name="Loaded">The manifest itself when already read, to save fetching it again.</param>
public sealed record TarballExport(
    IImageSource Source,
    Descriptor Manifest,
    string Reference,
    string Tag = "",
    string OrigRef = "",
    IReadOnlyDictionary<string, string>? Labels = null,
    Manifest? Loaded = null);
