using System.Text;
using Hull.Oci.Auth;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;

using Hull.Oci.Tests.Auth;

namespace Hull.Oci.Tests.Registry;

public sealed class FaultTests
{
    [Fact]
    public async Task RegistryDyingMidUploadIsAClearError()
    {
        using var fake = new FakeRegistry(async context =>
        {
            if (context.Request.HttpMethod == "POST")
            {
                await FakeRegistry.Write(context, 202, "", headers: new Dictionary<string, string> { ["Location"] = "/v2/app/blobs/uploads/1" });
                return;
            }
            if (context.Request.HttpMethod == "DELETE")
            {
                await FakeRegistry.Write(context, 204, "");
                return;
            }
            var buffer = new byte[1000];
            _ = await context.Request.InputStream.ReadAsync(buffer);
            context.Response.Abort();
        });
        using var client = new RegistryClient(new RegistryOptions { RetryCount = 1, RetryDelay = TimeSpan.FromMilliseconds(5), Anonymous = true });
        var repo = client.Repository(ImageReference.Parse($"{fake.Host}/app:v1"));
        byte[] content = TestImages.Bytes("x", 300_000);
        var e = await Assert.ThrowsAsync<OciException>(() => repo.PutBlobAsync(Descriptor.For(MediaTypes.OciLayer, content), new MemoryStream(content)));
        Assert.Contains("uploading blob", e.Message);
        Assert.Contains(fake.Host, e.Message);
    }

    [Fact]
    public async Task ConnectionRefusedNamesTheRegistry()
    {
        using var client = new RegistryClient(new RegistryOptions { RetryCount = 0, Anonymous = true });
        var e = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync(ImageReference.Parse("127.0.0.1:1/app:v1")));
        Assert.Contains("127.0.0.1:1", e.Message);
        Assert.Contains("refused", e.Message);
    }

    [Fact]
    public async Task IdentityTokenIsExchangedWithARefreshGrant()
    {
        string? form = null;
        FakeRegistry? self = null;
        self = new FakeRegistry(async context =>
        {
            if (context.Request.Url!.AbsolutePath == "/token")
            {
                form = await new StreamReader(context.Request.InputStream).ReadToEndAsync();
                await FakeRegistry.Write(context, 200, """{"access_token":"at-1"}""");
                return;
            }
            if (context.Request.Headers["Authorization"] != "Bearer at-1")
            {
                await FakeRegistry.Write(context, 401, "{}", headers: new Dictionary<string, string>
                {
                    ["WWW-Authenticate"] = $"Bearer realm=\"http://{self!.Host}/token\",service=\"svc\"",
                });
                return;
            }
            await FakeRegistry.Write(context, 200, """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}""", MediaTypes.OciIndex);
        });
        using (self)
        {
            using var client = new RegistryClient(new RegistryOptions(), new StaticCredentials(new Credential { IdentityToken = "refresh-xyz" }));
            var manifest = await client.GetManifestAsync(ImageReference.Parse($"{self.Host}/team/app:v1"));
            Assert.True(manifest.IsIndex);
            Assert.Contains("grant_type=refresh_token", form);
            Assert.Contains("refresh_token=refresh-xyz", form);
            Assert.Contains("scope=repository%3Ateam%2Fapp%3Apull", form);
            Assert.Contains("service=svc", form);
        }
    }
}
