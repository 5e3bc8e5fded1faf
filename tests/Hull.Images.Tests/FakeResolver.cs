using System.Collections.Concurrent;
using Hull.Images.Resolving;
using Hull.Oci.References;

namespace Hull.Images.Tests;

/// <summary>Resolves every tag to a digest derived from its normalised name and tag; tags starting with "missing" fail.</summary>
public sealed class FakeResolver : IDigestResolver
{
    public ConcurrentBag<string> Calls { get; } = new();

    public static string DigestOf(string normalised) => Digest.Compute(System.Text.Encoding.UTF8.GetBytes(normalised)).ToString();

    /// <summary>The digest reference a tag reference resolves to.</summary>
    public static string Resolved(string image)
    {
        var reference = ImageReference.Parse(image);
        return reference.Name + "@" + DigestOf(reference.Name + ":" + (reference.Tag ?? "latest"));
    }

    public Task<ResolvedReference> ResolveAsync(string image, CancellationToken cancellationToken = default)
    {
        Calls.Add(image);
        ImageReference reference;
        try
        {
            reference = ImageReference.Parse(image);
        }
        catch (Hull.Oci.OciException e)
        {
            throw new ImagesException($"invalid reference: {e.Message}");
        }
        if (reference.Digest is not null)
            return Task.FromResult(new ResolvedReference(reference.Name + "@" + reference.Digest, []));
        if (reference.Tag?.StartsWith("missing", StringComparison.Ordinal) == true)
            throw new Hull.Oci.OciNotFoundException($"{reference}: manifest unknown (not found)");
        string tag = reference.Tag ?? "latest";
        return Task.FromResult(new ResolvedReference(reference.Name + "@" + DigestOf(reference.Name + ":" + tag), [ImageOrigin.Resolved(tag, image)]));
    }
}
