namespace Hull.Bundles.Layers;

/// <summary>What goes into a bundle or plain-image layer, as imgpkg's `-f`, `--file-exclusion` and `--preserve-permissions`.</summary>
/// <param name="Paths">Files and directories to include; a directory contributes its contents relative to itself.</param>
/// <param name="Exclusions">Paths relative to a directory input that are left out (default <c>.git</c>).</param>
/// <param name="PreservePermissions">Keep the full file mode instead of imgpkg's owner-bits-only normalisation.</param>
public sealed record LayerOptions(IReadOnlyList<string> Paths, IReadOnlyList<string> Exclusions, bool PreservePermissions = false)
{
    /// <summary>imgpkg's default exclusion list.</summary>
    public static IReadOnlyList<string> DefaultExclusions { get; } = [".git"];
}
