namespace Hull.Bundles.Locks;

/// <summary>The <c>--lock-output</c> of a bundle push or copy: the bundle by digest and the tag it had.</summary>
/// <param name="Image">The bundle's digest reference.</param>
/// <param name="Tag">The tag, if the bundle was pushed or copied under one.</param>
public sealed record BundleLock(string Image, string? Tag)
{
    /// <summary>Checks the image is a digest reference.</summary>
    public void Validate() => LockApi.CheckDigestReference(Image);
}
