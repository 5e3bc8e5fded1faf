using System.Text.RegularExpressions;

namespace Hull.Bundles.Copying;

/// <summary>The tags imgpkg gives copied images in the destination repository.</summary>
public static partial class UploadTag
{
    /// <summary>The default tag: <c>sha256-HEX.imgpkg</c>.</summary>
    public static string Default(string digest) => digest.Replace(':', '-') + ".imgpkg";

    /// <summary>The tag of a bundle's locations image: <c>sha256-HEX.image-locations.imgpkg</c>.</summary>
    public static string Locations(string bundleDigest) => bundleDigest.Replace(':', '-') + ".image-locations.imgpkg";

    /// <summary>
    /// The <c>--repo-based-tags</c> tag: the original repository path (registry dropped, slashes as dashes, unsafe
    /// characters removed), cut to its last 49 characters, then <c>-sha256-HEX.imgpkg</c>; at most 128 characters.
    /// </summary>
    public static string RepoBased(string originalReference, string digest)
    {
        string repoPath = originalReference.Split('@')[0];
        repoPath = string.Join('-', repoPath.Split('/').Skip(1));
        string cleaned = Unsafe().Replace(repoPath, "");
        int start = Math.Max(0, cleaned.Length - 49);
        string tail = Unsafe().Replace(cleaned[start..], "");
        string tag = $"{tail}-{digest.Replace(':', '-')}.imgpkg";
        // A tag may not start with '-' (the registry would not route the request).
        if (tag.StartsWith('-'))
        {
            tag = tag[1..];
        }
        return tag.Replace(':', '-');
    }

    [GeneratedRegex(@"^[^a-zA-Z0-9_]+|[^a-zA-Z0-9\._-]+")]
    private static partial Regex Unsafe();
}
