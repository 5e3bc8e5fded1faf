using Hull.Oci.References;

namespace Hull.Packaging.Sources;

/// <summary>Where a repository's contents are read from.</summary>
public enum RepositorySourceKind
{
    /// <summary>A folder holding <c>packages/</c> (and <c>.imgpkg/</c>).</summary>
    Directory,

    /// <summary>A repository bundle in an OCI image layout (<c>oci:PATH[:TAG]</c>).</summary>
    Layout,

    /// <summary>A repository bundle in a registry.</summary>
    Registry,
}

/// <summary>A named repository, like an apt source: a channel is just a named repository.</summary>
/// <param name="Name">The name users refer to it by.</param>
/// <param name="Location">A folder path, <c>oci:PATH[:TAG]</c>, or a registry reference.</param>
public sealed record RepositorySource(string Name, string Location)
{
    /// <summary>The keys any one of which must have signed the repository bundle (<c>repo add --trust</c>); empty: not verified.</summary>
    public IReadOnlyList<TrustedKey> Trust { get; init; } = [];

    /// <summary>True when every read of the repository verifies its bundle's signature first.</summary>
    public bool IsVerified => Trust.Count > 0;

    /// <summary>How <see cref="Location"/> is read: <c>oci:</c> is a layout; an existing folder or a path-like text is a folder; anything else a registry reference.</summary>
    public RepositorySourceKind Kind => KindOf(Location);

    /// <summary>Classifies a location as <see cref="Kind"/> does.</summary>
    public static RepositorySourceKind KindOf(string location)
    {
        if (location.StartsWith(ImageLocation.LayoutPrefix, StringComparison.Ordinal))
        {
            return RepositorySourceKind.Layout;
        }
        if (System.IO.Directory.Exists(location) || location.StartsWith('/') || location.StartsWith('.') || location.StartsWith('~'))
        {
            return RepositorySourceKind.Directory;
        }
        return RepositorySourceKind.Registry;
    }

    /// <summary>A name is lowercase letters, digits and '-', starting with a letter, as a channel name should be.</summary>
    public static string? ProblemWithName(string name) =>
        name.Length is > 0 and <= 63 && char.IsAsciiLetterLower(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? null
            : $"repository name '{name}' must be lowercase letters, digits and '-', starting with a letter (at most 63 characters)";
}
