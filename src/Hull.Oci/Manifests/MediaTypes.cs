namespace Hull.Oci.Manifests;

/// <summary>The media types of manifests, configs and layers that Hull reads and writes.</summary>
public static class MediaTypes
{
    /// <summary>OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    /// <summary>OCI image index.</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    /// <summary>OCI image config.</summary>
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    /// <summary>OCI tar layer.</summary>
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";
    /// <summary>OCI gzip tar layer.</summary>
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    /// <summary>OCI zstd tar layer.</summary>
    public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    /// <summary>OCI empty descriptor content (<c>{}</c>).</summary>
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";
    /// <summary>Docker image manifest, schema 2.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    /// <summary>Docker manifest list (multi-platform).</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    /// <summary>Docker image config.</summary>
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    /// <summary>Docker gzip tar layer, the type imgpkg uses for bundle layers.</summary>
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /// <summary>Docker foreign (non-distributable) layer.</summary>
    public const string DockerForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /// <summary>The Accept list for manifest requests: every manifest kind Hull understands.</summary>
    public static readonly IReadOnlyList<string> ManifestAccept =
        [OciIndex, OciManifest, DockerManifestList, DockerManifest];

    /// <summary>True for an index or manifest list.</summary>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary>True for a single-image manifest.</summary>
    public static bool IsImageManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;

    /// <summary>True for any manifest kind Hull understands.</summary>
    public static bool IsManifest(string? mediaType) => IsIndex(mediaType) || IsImageManifest(mediaType);
}
