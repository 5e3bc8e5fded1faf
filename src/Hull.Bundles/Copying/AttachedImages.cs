using Hull.Oci;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;
using Hull.Oci.Signatures;

namespace Hull.Bundles.Copying;

/// <summary>An image to be copied, as the attachment search sees it: where it is, its manifest and its digest reference.</summary>
/// <param name="Source">The store it is read from; its attachments are looked for there too.</param>
/// <param name="Manifest">Its manifest (an index's children are subjects as well).</param>
/// <param name="Reference"><c>REPO@sha256:…</c>.</param>
public sealed record AttachmentSubject(IImageSource Source, Manifest Manifest, string Reference);

/// <summary>A cosign signature, attestation or SBOM image found under its tag next to the image it belongs to.</summary>
/// <param name="Source">The store holding it (the subject's).</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="Reference"><c>REPO@sha256:…</c> of the attached image itself.</param>
/// <param name="Tag">The cosign tag it was found under (<c>sha256-HEX.sig</c>…), restored at the destination.</param>
public sealed record AttachedImage(IImageSource Source, Manifest Manifest, string Reference, string Tag);

/// <summary>
/// Finds what cosign attached to the images of a copy (the <see cref="SignatureTags"/> in each image's repository, for
/// an index also for every platform image, as <c>cosign sign --recursive</c> signs them), so a relocated image keeps
/// its signatures. An absent tag means nothing is attached; an attached image must be a plain image of at most
/// <see cref="MaxLayers"/> layers (cosign's own bound), so a hostile tag cannot make a copy do unbounded work.
/// </summary>
public static class AttachedImages
{
    /// <summary>The most layers (one per signature) an attached image may have, as cosign verifies.</summary>
    public const int MaxLayers = 1000;

    /// <summary>The attached images of <paramref name="subjects"/>, each (digest, tag) once, in subject order.</summary>
    public static async Task<IReadOnlyList<AttachedImage>> FindAsync(IReadOnlyList<AttachmentSubject> subjects, int concurrency, CancellationToken cancellationToken)
    {
        var lookups = new List<(AttachmentSubject Subject, string Repository, string Tag)>();
        var asked = new HashSet<(string, string)>();
        foreach (var subject in subjects)
        {
            string repository = RepositoryOf(subject.Reference);
            foreach (var digest in await DigestsAsync(subject.Source, subject.Manifest, cancellationToken).ConfigureAwait(false))
            {
                foreach (string suffix in SignatureTags.Suffixes)
                {
                    string tag = SignatureTags.For(digest, suffix);
                    if (asked.Add((repository, tag)))
                    {
                        lookups.Add((subject, repository, tag));
                    }
                }
            }
        }

        using var throttle = new SemaphoreSlim(Math.Max(1, concurrency));
        var found = await Task.WhenAll(lookups.Select(async lookup =>
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await LookUpAsync(lookup.Subject, lookup.Repository, lookup.Tag, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                throttle.Release();
            }
        })).ConfigureAwait(false);
        return found.OfType<AttachedImage>().ToList();
    }

    private static async Task<AttachedImage?> LookUpAsync(AttachmentSubject subject, string repository, string tag, CancellationToken cancellationToken)
    {
        string where = $"{repository}:{tag}";
        Manifest manifest;
        try
        {
            manifest = await subject.Source.GetManifestAsync(tag, cancellationToken).ConfigureAwait(false);
        }
        catch (OciNotFoundException)
        {
            return null;
        }
        catch (OciException ex)
        {
            throw new BundleException($"Reading the cosign image '{where}' attached to '{subject.Reference}': {ex.Message} (hint: --without-signatures copies without signatures)", ex);
        }
        if (manifest.IsIndex)
        {
            throw new BundleException($"The cosign image '{where}' attached to '{subject.Reference}' is an index ({manifest.MediaType}), not a signature image (hint: --without-signatures copies without signatures)");
        }
        int layers;
        try
        {
            layers = manifest.AsImage().Layers.Count;
        }
        catch (OciException ex)
        {
            throw new BundleException($"The cosign image '{where}' attached to '{subject.Reference}' has an unreadable manifest: {ex.Message} (hint: --without-signatures copies without signatures)", ex);
        }
        if (layers > MaxLayers)
        {
            throw new BundleException($"The cosign image '{where}' attached to '{subject.Reference}' has {layers} layers, more than the {MaxLayers} a signature image may have (hint: --without-signatures copies without signatures)");
        }
        return new AttachedImage(subject.Source, manifest, $"{repository}@{manifest.Digest}", tag);
    }

    // The image's own digest, and for an index every platform image's (nested indexes included).
    private static async Task<IReadOnlyList<Digest>> DigestsAsync(IImageSource source, Manifest manifest, CancellationToken cancellationToken)
    {
        var digests = new List<Digest> { manifest.Digest };
        if (!manifest.IsIndex)
        {
            return digests;
        }
        foreach (var child in manifest.AsIndex().Manifests)
        {
            if (MediaTypes.IsIndex(child.MediaType))
            {
                var nested = await source.GetManifestAsync(child.Digest.ToString(), cancellationToken).ConfigureAwait(false);
                digests.AddRange(await DigestsAsync(source, nested, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                digests.Add(child.Digest);
            }
        }
        return digests;
    }

    private static string RepositoryOf(string digestReference)
    {
        int at = digestReference.LastIndexOf('@');
        return at < 0 ? digestReference : digestReference[..at];
    }
}
