using System.Text.Json.Serialization;

namespace Hull.Bundles.Tarball;

// imgpkg's manifest.json: Go structs without json tags, so the keys are the Go field names and every field is
// written (nil slices and maps as null). Go reads keys case-insensitively and ignores unknown ones.

/// <summary>One entry of an imgpkg tarball's manifest.json: an image or an image index.</summary>
public sealed class TarballItem
{
    /// <summary>The index, when this entry is one.</summary>
    public TarballIndex? ImageIndex { get; set; }

    /// <summary>The image, when this entry is one.</summary>
    public TarballImage? Image { get; set; }

    /// <summary>The sort key imgpkg orders entries by.</summary>
    [JsonIgnore]
    public string SortKey => ImageIndex is not null ? ImageIndex.Digest : Image is not null ? Image.Manifest.Digest + "/" + Image.Config.Digest : "";
}

/// <summary>An image index in a tarball with its children.</summary>
public sealed class TarballIndex
{
    /// <summary>Digest references the index was exported from.</summary>
    public List<string>? Refs { get; set; }

    /// <summary>Child images.</summary>
    public List<TarballImage>? Images { get; set; }

    /// <summary>Child indexes.</summary>
    public List<TarballIndex>? Indexes { get; set; }

    /// <summary>The index media type.</summary>
    public string MediaType { get; set; } = "";

    /// <summary>The index digest.</summary>
    public string Digest { get; set; } = "";

    /// <summary>The raw index manifest.</summary>
    public string Raw { get; set; } = "";

    /// <summary>The tag to restore at the destination, if any.</summary>
    public string Tag { get; set; } = "";

    /// <summary>The reference in the bundle's ImagesLock this came from.</summary>
    public string OrigRef { get; set; } = "";

    /// <summary>imgpkg's labels (the root bundle carries <c>dev.carvel.imgpkg.copy.root-bundle</c>).</summary>
    public Dictionary<string, string>? Labels { get; set; }
}

/// <summary>An image in a tarball: raw manifest and config inline, layers as separate tar entries.</summary>
public sealed class TarballImage
{
    /// <summary>Digest references the image was exported from.</summary>
    public List<string>? Refs { get; set; }

    /// <summary>The layer descriptors.</summary>
    public List<TarballLayer>? Layers { get; set; }

    /// <summary>The config blob.</summary>
    public TarballConfig Config { get; set; } = new();

    /// <summary>The manifest.</summary>
    public TarballManifest Manifest { get; set; } = new();

    /// <summary>The tag to restore at the destination, if any.</summary>
    public string Tag { get; set; } = "";

    /// <summary>The reference in the bundle's ImagesLock this came from.</summary>
    public string OrigRef { get; set; } = "";

    /// <summary>imgpkg's labels.</summary>
    public Dictionary<string, string>? Labels { get; set; }
}

/// <summary>A layer of a tarball image; its bytes are the tar entry <c>sha256-HEX.tar.gz</c>.</summary>
public sealed class TarballLayer
{
    /// <summary>The layer media type.</summary>
    public string MediaType { get; set; } = "";

    /// <summary>The compressed digest.</summary>
    public string Digest { get; set; } = "";

    /// <summary>The uncompressed digest (from the image config).</summary>
    public string DiffID { get; set; } = "";

    /// <summary>The compressed size.</summary>
    public long Size { get; set; }
}

/// <summary>An image config inline in a tarball.</summary>
public sealed class TarballConfig
{
    /// <summary>The config digest.</summary>
    public string Digest { get; set; } = "";

    /// <summary>The raw config JSON.</summary>
    public string Raw { get; set; } = "";
}

/// <summary>An image manifest inline in a tarball.</summary>
public sealed class TarballManifest
{
    /// <summary>The manifest media type.</summary>
    public string MediaType { get; set; } = "";

    /// <summary>The manifest digest.</summary>
    public string Digest { get; set; } = "";

    /// <summary>The raw manifest JSON.</summary>
    public string Raw { get; set; } = "";
}

/// <summary>System.Text.Json source generation for the tarball manifest (AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<TarballItem>))]
public sealed partial class TarballJsonContext : JsonSerializerContext
{
}
