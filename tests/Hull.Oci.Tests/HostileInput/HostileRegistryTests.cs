using Hull.Oci.Copying;
using Hull.Oci.Layout;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;
using Hull.Oci.Tests.Auth;

namespace Hull.Oci.Tests.HostileInput;

/// <summary>
/// Hostile input, OCI layer: registries (or proxies in front of them) that lie or stall, served by a fake registry
/// from a real image in a layout. Classes covered (add the next one beside them):
/// <list type="bullet">
/// <item>a blob body that stalls after its headers: an idle timeout (the response-header timeout) ends it (issue 14 defect 9)</item>
/// <item>blob bodies that break off: retried <c>--registry-retry-count</c> times, the error naming blob and registry (defect 9)</item>
/// </list>
/// Digest and size mismatches, manifests over the size limit and dying uploads are in Registry/FaultTests and
/// Copying/CopierFaultTests; corrupt layers and leftovers of killed writers in Hull.Cli.Tests' HostileInput.
/// </summary>
public sealed class HostileRegistryTests
{
    private static async Task<(OciLayout Source, Manifest Manifest, OciLayout Target)> Image(TempDirectory temp)
    {
        var source = OciLayout.OpenOrCreate(temp.Sub("src"));
        var manifest = await TestImages.PushImageAsync(source, "hostile", 1, 200_000, "v1");
        return (source, manifest, OciLayout.OpenOrCreate(temp.Sub("dst")));
    }

    [Fact]
    public async Task AStalledBlobBodyEndsAfterTheIdleTimeoutNamingBlobAndRegistry()
    {
        using var temp = TestImages.TempDir();
        var (source, manifest, target) = await Image(temp);
        using var fake = FakeImageRegistry.Serve(source, manifest, _ => BlobBody.HalfThenStall);
        using var client = new RegistryClient(new RegistryOptions { Anonymous = true, ResponseHeaderTimeout = TimeSpan.FromMilliseconds(500) });
        var started = DateTime.UtcNow;

        var e = await Assert.ThrowsAnyAsync<Exception>(() => new ImageCopier(blobRetries: 0).CopyAsync(client.Repository(ImageReference.Parse($"{fake.Host}/app:v1")), "v1", target, "v1"));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the stalled transfer was waited out");
        Assert.Contains("stalled transfer", e.Message, StringComparison.Ordinal);
        Assert.Contains(fake.Host, e.Message, StringComparison.Ordinal);
        Assert.Contains("sha256:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(1, false)]
    public async Task BrokenOffBodiesAreRetriedAsOftenAsAsked(int retries, bool succeeds)
    {
        using var temp = TestImages.TempDir();
        var (source, manifest, target) = await Image(temp);
        using var fake = FakeImageRegistry.Serve(source, manifest, n => n <= 3 ? BlobBody.Half : BlobBody.Whole);
        using var client = new RegistryClient(new RegistryOptions { Anonymous = true, RetryDelay = TimeSpan.FromMilliseconds(5) });
        var copier = new ImageCopier(blobRetries: retries);

        var copy = copier.CopyAsync(client.Repository(ImageReference.Parse($"{fake.Host}/app:v1")), "v1", target, "v1");

        if (succeeds)
        {
            await copy;
            Assert.Equal(2, copier.Statistics.BlobsCopied);
        }
        else
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => copy);
            Assert.Contains(fake.Host, e.Message, StringComparison.Ordinal);
            Assert.Contains("sha256:", e.Message, StringComparison.Ordinal);
        }
    }
}
