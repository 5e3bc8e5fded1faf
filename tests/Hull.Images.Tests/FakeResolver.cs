using System.Collections.Concurrent;
using Hull.Images.Resolving;
using Hull.Oci.References;

namespace Hull.Images.Tests;

/// <summary>Resolves every tag to a digest derived from its text; tags starting with "missing" fail.</summary>
public sealed class FakeResolver : IDigestResolver
{
    public ConcurrentBag<string> Calls { get; } = new();

    public static string DigestOf(string image) => Digest.Compute(System.Text.Encoding.UTF8.GetBytes(image)).ToString();

    public Task<string> ResolveAsync(string image, CancellationToken cancellationToken = default)
    {
        Calls.Add(image);
        var reference = ImageReference.Parse(image);
        if (reference.Digest is not null)
            return Task.FromResult(reference.Name + "@" + reference.Digest);
        if (reference.Tag?.StartsWith("missing", StringComparison.Ordinal) == true)
            throw new Hull.Oci.OciNotFoundException($"{reference}: manifest unknown (not found)");
        return Task.FromResult(reference.Name + "@" + DigestOf(image));
    }
}
