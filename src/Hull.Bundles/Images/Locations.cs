using Hull.Oci.References;

namespace Hull.Bundles.Images;

/// <summary>Textual helpers for image locations: repository names and digest references.</summary>
public static class Locations
{
    /// <summary>The repository part: <c>registry/repo</c>, or <c>oci:PATH</c> for a layout.</summary>
    public static string Repository(ImageLocation location) => location switch
    {
        ImageReference r => r.Name,
        LayoutReference l => ImageLocation.LayoutPrefix + l.Path,
        _ => throw new ArgumentOutOfRangeException(nameof(location)),
    };

    /// <summary>The same repository pinned to a digest.</summary>
    public static ImageLocation WithDigest(ImageLocation location, Digest digest) => location switch
    {
        ImageReference r => r.WithDigest(digest),
        LayoutReference l => l.WithDigest(digest),
        _ => throw new ArgumentOutOfRangeException(nameof(location)),
    };

    /// <summary>The same repository with a tag.</summary>
    public static ImageLocation WithTag(ImageLocation location, string tag) => location switch
    {
        ImageReference r => r.WithTag(tag),
        LayoutReference l => l.WithTag(tag),
        _ => throw new ArgumentOutOfRangeException(nameof(location)),
    };

    /// <summary><c>REPO@sha256:…</c>, imgpkg's digest reference text.</summary>
    public static string DigestReference(ImageLocation location, Digest digest) => Repository(location) + "@" + digest;

    /// <summary>Parses a location given on the command line, naming the flag in errors.</summary>
    public static ImageLocation Parse(string text, string what)
    {
        try
        {
            return ImageLocation.Parse(text);
        }
        catch (ReferenceFormatException ex)
        {
            throw new BundleException($"{what} '{text}': {ex.Message}", ex);
        }
    }
}
