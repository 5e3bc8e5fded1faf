using Hull.Oci.Manifests;

namespace Hull.Images.Resolving;

/// <summary>kbld's <c>--platform</c>: <c>os/arch[/variant]</c>, selecting one child of an image index.</summary>
/// <param name="Os">The operating system.</param>
/// <param name="Architecture">The CPU architecture.</param>
/// <param name="Variant">The variant, when given.</param>
public sealed record PlatformSelector(string Os, string Architecture, string? Variant)
{
    /// <summary>Parses <c>os/arch[/variant]</c>.</summary>
    public static PlatformSelector Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
        {
            throw new ImagesException($"--platform '{text}': expected os/arch or os/arch/variant (e.g. linux/amd64, linux/arm/v6)");
        }
        return new PlatformSelector(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>Whether an index entry's platform is this one.</summary>
    public bool Matches(Platform? platform) =>
        platform is not null && platform.Os == Os && platform.Architecture == Architecture && (Variant is null || platform.Variant == Variant);

    /// <inheritdoc/>
    public override string ToString() => Os + "/" + Architecture + (Variant is null ? "" : "/" + Variant);
}
