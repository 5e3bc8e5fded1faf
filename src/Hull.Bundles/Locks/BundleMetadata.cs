namespace Hull.Bundles.Locks;

/// <summary>A bundle's optional <c>.imgpkg/bundle.yml</c>: free-form metadata, authors and websites.</summary>
public sealed record BundleMetadata
{
    /// <summary>Free-form key/value metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Authors.</summary>
    public IReadOnlyList<BundleAuthor> Authors { get; init; } = [];

    /// <summary>Websites.</summary>
    public IReadOnlyList<string> Websites { get; init; } = [];
}

/// <summary>An author in <c>.imgpkg/bundle.yml</c>.</summary>
/// <param name="Name">The author's name.</param>
/// <param name="Email">The author's e-mail.</param>
public sealed record BundleAuthor(string? Name, string? Email);
