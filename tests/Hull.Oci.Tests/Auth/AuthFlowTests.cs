using System.Text;
using Hull.Oci.Auth;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;

namespace Hull.Oci.Tests.Auth;

public sealed class AuthFlowTests
{
    private static readonly byte[] ManifestBytes = OciJson.Serialize(new ImageManifest
    {
        MediaType = MediaTypes.OciManifest,
        Config = Descriptor.For(MediaTypes.OciConfig, "{}"u8),
        Layers = [],
    });

    private static FakeRegistry BearerRegistry(string user, string password, List<string> scopesAsked)
    {
        FakeRegistry? self = null;
        self = new FakeRegistry(async context =>
        {
            string path = context.Request.Url!.AbsolutePath;
            string? auth = context.Request.Headers["Authorization"];
            if (path == "/token")
            {
                string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
                lock (scopesAsked)
                    scopesAsked.Add(context.Request.QueryString["scope"] ?? "");
                if (auth != expected)
                {
                    await FakeRegistry.Write(context, 401, """{"details":"bad credentials"}""");
                    return;
                }
                await FakeRegistry.Write(context, 200, """{"token":"tok-123","expires_in":300}""");
                return;
            }
            if (auth != "Bearer tok-123")
            {
                await FakeRegistry.Write(context, 401, """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}""",
                    headers: new Dictionary<string, string>
                    {
                        ["WWW-Authenticate"] = $"Bearer realm=\"http://{self!.Host}/token\",service=\"fake\",scope=\"repository:app:pull\"",
                    });
                return;
            }
            if (path == "/v2/app/manifests/v1")
            {
                await FakeRegistry.Write(context, 200, Encoding.UTF8.GetString(ManifestBytes), MediaTypes.OciManifest,
                    new Dictionary<string, string> { ["Docker-Content-Digest"] = Digest.Compute(ManifestBytes).ToString() });
                return;
            }
            await FakeRegistry.Write(context, 404, """{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}""");
        });
        return self;
    }

    [Fact]
    public async Task FetchesBearerTokenWithBasicCredentialsAndCachesIt()
    {
        var scopes = new List<string>();
        using var fake = BearerRegistry("alice", "pw", scopes);
        using var client = new RegistryClient(new RegistryOptions(), new StaticCredentials(new Credential { Username = "alice", Password = "pw" }));
        var reference = ImageReference.Parse($"{fake.Host}/app:v1");
        var manifest = await client.GetManifestAsync(reference);
        Assert.Equal(ManifestBytes, manifest.Bytes.ToArray());
        await client.GetManifestAsync(reference);
        Assert.Equal(["repository:app:pull"], scopes);
    }

    [Fact]
    public async Task WrongPasswordFailsWithoutShowingIt()
    {
        var scopes = new List<string>();
        using var fake = BearerRegistry("alice", "pw", scopes);
        using var client = new RegistryClient(new RegistryOptions(), new StaticCredentials(new Credential { Username = "alice", Password = "wrong-secret" }));
        var e = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync(ImageReference.Parse($"{fake.Host}/app:v1")));
        Assert.Contains(fake.Host, e.Message);
        Assert.Contains("authentication", e.Message);
        Assert.DoesNotContain("wrong-secret", e.Message);
    }

    [Fact]
    public async Task AnonymousGets401Message()
    {
        var scopes = new List<string>();
        using var fake = BearerRegistry("alice", "pw", scopes);
        using var client = new RegistryClient(new RegistryOptions { Anonymous = true });
        var e = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync(ImageReference.Parse($"{fake.Host}/app:v1")));
        Assert.Contains("authentication anonymously failed", e.Message);
    }

    [Fact]
    public async Task RegistryTokenIsSentDirectly()
    {
        var scopes = new List<string>();
        using var fake = BearerRegistry("alice", "pw", scopes);
        using var client = new RegistryClient(new RegistryOptions { Token = "tok-123" });
        await client.GetManifestAsync(ImageReference.Parse($"{fake.Host}/app:v1"));
        Assert.Empty(scopes);
        Assert.All(fake.Requests, r => Assert.Contains("Bearer tok-123", r));
    }

    [Fact]
    public async Task AnswersBasicChallenges()
    {
        string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:pw"));
        using var fake = new FakeRegistry(async context =>
        {
            if (context.Request.Headers["Authorization"] != expected)
            {
                await FakeRegistry.Write(context, 401, "{}", headers: new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"Registry\"" });
                return;
            }
            await FakeRegistry.Write(context, 200, Encoding.UTF8.GetString(ManifestBytes), MediaTypes.OciManifest);
        });
        using var client = new RegistryClient(new RegistryOptions { Username = "bob", Password = "pw" }, new StaticCredentials(new Credential { Username = "bob", Password = "pw" }));
        var reference = ImageReference.Parse($"{fake.Host}/app:v1");
        await client.GetManifestAsync(reference);
        await client.GetManifestAsync(reference);
        // After the first challenge, the header is sent up front.
        Assert.Equal(3, fake.Requests.Count);
    }

    [Fact]
    public async Task RetriesOn503ThenSucceeds()
    {
        int calls = 0;
        using var fake = new FakeRegistry(async context =>
        {
            if (Interlocked.Increment(ref calls) <= 2)
            {
                await FakeRegistry.Write(context, 503, "busy");
                return;
            }
            await FakeRegistry.Write(context, 200, Encoding.UTF8.GetString(ManifestBytes), MediaTypes.OciManifest);
        });
        using var client = new RegistryClient(new RegistryOptions { RetryDelay = TimeSpan.FromMilliseconds(10), Anonymous = true });
        var manifest = await client.GetManifestAsync(ImageReference.Parse($"{fake.Host}/app:v1"));
        Assert.Equal(ManifestBytes, manifest.Bytes.ToArray());
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task GivesUpAfterRetryCount()
    {
        int calls = 0;
        using var fake = new FakeRegistry(async context =>
        {
            Interlocked.Increment(ref calls);
            await FakeRegistry.Write(context, 500, """{"errors":[{"code":"UNKNOWN","message":"boom"}]}""");
        });
        using var client = new RegistryClient(new RegistryOptions { RetryDelay = TimeSpan.FromMilliseconds(5), RetryCount = 2, Anonymous = true });
        var e = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync(ImageReference.Parse($"{fake.Host}/app:v1")));
        Assert.Contains("500", e.Message);
        Assert.Contains("boom", e.Message);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task ManifestWithWrongDigestHeaderIsRejected()
    {
        using var fake = new FakeRegistry(context => FakeRegistry.Write(context, 200, Encoding.UTF8.GetString(ManifestBytes), MediaTypes.OciManifest,
            new Dictionary<string, string> { ["Docker-Content-Digest"] = "sha256:" + new string('0', 64) }));
        using var client = new RegistryClient(new RegistryOptions { Anonymous = true });
        var reference = ImageReference.Parse($"{fake.Host}/app:v1");
        var e = await Assert.ThrowsAsync<DigestMismatchException>(() => client.GetManifestAsync(reference));
        Assert.Contains(reference.ToString(), e.Message);
        Assert.Contains(Digest.Compute(ManifestBytes).ToString(), e.Message);
    }

    [Fact]
    public async Task UnknownHostIsAClearError()
    {
        using var client = new RegistryClient(new RegistryOptions { RetryCount = 0, Anonymous = true });
        var e = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync(ImageReference.Parse("no-such-host.invalid/app:v1")));
        Assert.Contains("no-such-host.invalid", e.Message);
    }

    [Fact]
    public async Task ResponseHeaderTimeoutIsEnforced()
    {
        using var fake = new FakeRegistry(async context =>
        {
            await Task.Delay(3000);
            await FakeRegistry.Write(context, 200, "{}");
        });
        using var client = new RegistryClient(new RegistryOptions { ResponseHeaderTimeout = TimeSpan.FromMilliseconds(300), RetryCount = 0, Anonymous = true });
        var e = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync(ImageReference.Parse($"{fake.Host}/app:v1")));
        Assert.Contains("no response headers", e.Message);
    }
}
