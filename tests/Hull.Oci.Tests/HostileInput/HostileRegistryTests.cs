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
    private enum Body { Whole, Half, HalfThenStall }

    // Serves the image; the n-th GET of a blob (1-based) gets behaviour(n).
    private static FakeRegistry Serve(OciLayout layout, Manifest manifest, Func<int, Body> behaviour)
    {
        var gets = new Dictionary<string, int>();
        return new FakeRegistry(async context =>
        {
            string path = context.Request.Url!.AbsolutePath;
            if (path == "/v2/app/manifests/v1" || path == $"/v2/app/manifests/{manifest.Digest}")
            {
                await FakeRegistry.Write(context, 200, System.Text.Encoding.UTF8.GetString(manifest.Bytes.Span), manifest.MediaType);
                return;
            }
            const string prefix = "/v2/app/blobs/";
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                await FakeRegistry.Write(context, 404, "{}");
                return;
            }
            var digest = Digest.Parse(path[prefix.Length..]);
            byte[] bytes = await File.ReadAllBytesAsync(layout.BlobPath(digest));
            int count;
            lock (gets)
            {
                count = gets[digest.ToString()] = gets.GetValueOrDefault(digest.ToString()) + 1;
            }
            context.Response.StatusCode = 200;
            context.Response.ContentLength64 = bytes.Length;
            var body = behaviour(count);
            if (body == Body.Whole)
            {
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
                return;
            }
            await context.Response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await context.Response.OutputStream.FlushAsync();
            if (body == Body.HalfThenStall)
            {
                await Task.Delay(TimeSpan.FromSeconds(20));
            }
            context.Response.Abort();
        });
    }

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
        using var fake = Serve(source, manifest, _ => Body.HalfThenStall);
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
        using var fake = Serve(source, manifest, n => n <= 3 ? Body.Half : Body.Whole);
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
