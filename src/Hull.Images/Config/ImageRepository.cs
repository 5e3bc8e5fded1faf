using System.Text.RegularExpressions;

namespace Hull.Images.Config;

/// <summary>
/// The repository part of an image reference exactly as written (kbld matches <c>imageRepo</c> against it without
/// Docker's normalisation, so <c>nginx</c> does not match <c>docker.io/library/nginx</c>).
/// </summary>
public static partial class ImageRepository
{
    /// <summary>The text before an optional <c>:tag</c> and <c>@algorithm:digest</c>; false when nothing is left.</summary>
    public static bool TryOf(string image, out string repository)
    {
        var match = Approximate().Match(image);
        repository = match.Success ? match.Groups[1].Value : image;
        return match.Success;
    }

    /// <summary>The repository part, or the text itself when it has none.</summary>
    public static string Of(string image) => TryOf(image, out var repository) ? repository : image;

    [GeneratedRegex(@"\A(.+?)(:[A-Za-z0-9_\-\.]+)?(@.+:.+)?\z", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Approximate();
}
