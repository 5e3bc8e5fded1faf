namespace Hull.Images.Resolving;

/// <summary>Turns an image reference into its digest form (<c>REPO@sha256:…</c>) and says how.</summary>
public interface IDigestResolver
{
    /// <summary>Resolves <paramref name="image"/>; throws with a message naming why it cannot.</summary>
    Task<ResolvedReference> ResolveAsync(string image, CancellationToken cancellationToken = default);
}
