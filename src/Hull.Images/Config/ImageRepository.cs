using Hull.Oci.References;

namespace Hull.Images.Config;

/// <summary>The repository part of an image reference as written, and its Docker-normalised form.</summary>
public static class ImageRepository
{
    /// <summary>The text before the digest and tag (a colon after the last slash starts a tag).</summary>
    public static string Of(string image)
    {
        int at = image.IndexOf('@', StringComparison.Ordinal);
        string name = at >= 0 ? image[..at] : image;
        int slash = name.LastIndexOf('/');
        int colon = name.LastIndexOf(':');
        return colon > slash ? name[..colon] : name;
    }

    /// <summary>The normalised <c>registry/repository</c>, or the text itself when it does not parse.</summary>
    public static string Normalised(string image) =>
        ImageReference.TryParse(Of(image), out var reference) ? reference.Name : image;
}
