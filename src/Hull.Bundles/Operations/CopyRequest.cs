using Hull.Oci.References;

namespace Hull.Bundles.Operations;

/// <summary>Where a copy reads from: exactly one of bundle, image, lock file or tarball.</summary>
/// <param name="Bundle"><c>-b</c>: a bundle location.</param>
/// <param name="Image"><c>-i</c>: a plain image location.</param>
/// <param name="LockFile"><c>--lock</c>: a BundleLock or ImagesLock file.</param>
/// <param name="Tarball"><c>--tar</c>: an imgpkg tarball.</param>
public sealed record CopySource(ImageLocation? Bundle = null, ImageLocation? Image = null, string? LockFile = null, string? Tarball = null);

/// <summary>Where a copy writes to: a repository (or layout), or a tarball.</summary>
/// <param name="Repository"><c>--to-repo</c>: a repository or <c>oci:PATH</c>.</param>
/// <param name="Tarball"><c>--to-tar</c>: a tarball path.</param>
public sealed record CopyDestination(ImageLocation? Repository = null, string? Tarball = null);

/// <summary>How a copy behaves.</summary>
/// <param name="Concurrency"><c>--concurrency</c>: images (and blobs) moved at once.</param>
/// <param name="RepoBasedTags"><c>--repo-based-tags</c>: tag copies after their original repository.</param>
/// <param name="Resume"><c>--resume</c>: continue an interrupted <c>--to-tar</c>.</param>
/// <param name="IncludeNonDistributable"><c>--include-non-distributable-layers</c>.</param>
public sealed record CopyOptions(int Concurrency = 5, bool RepoBasedTags = false, bool Resume = false, bool IncludeNonDistributable = false)
{
    /// <summary><c>--registry-retry-count</c>: how often a blob transfer that broke off, stalled or was truncated is tried again.</summary>
    public int BlobRetries { get; init; } = 2;

    /// <summary>Whether each image's cosign signatures, attestations and SBOMs travel with it (off: <c>--without-signatures</c>).</summary>
    public bool CarrySignatures { get; init; } = true;
}

/// <summary>What a copy did.</summary>
/// <param name="RootDigestReference">Where the root bundle or image now is (<c>REPO@sha256:…</c>), for a repository destination.</param>
/// <param name="RootTag">The root's tag, if it had one.</param>
/// <param name="IsBundle">Whether the root is a bundle.</param>
/// <param name="Images">Images copied (root and nested bundles included).</param>
/// <param name="BlobsTransferred">Blobs whose bytes actually moved (0 when the destination had everything).</param>
/// <param name="RelocatedImages">For an ImagesLock source: the lock rewritten to the destination.</param>
public sealed record CopyResult(string? RootDigestReference, string? RootTag, bool IsBundle, int Images, int BlobsTransferred, Locks.ImagesLock? RelocatedImages = null);
