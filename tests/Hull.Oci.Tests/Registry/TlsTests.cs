using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;

namespace Hull.Oci.Tests.Registry;

/// <summary>https registries: an untrusted certificate is an error, trusted with --registry-ca-cert-path or skipped with verify off.</summary>
public sealed class TlsTests : IClassFixture<TlsTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public TlsRegistry Registry { get; } = new();

        public void Dispose() => Registry.Dispose();
    }

    private readonly TlsRegistry _registry;

    public TlsTests(Fixture fixture) => _registry = fixture.Registry;

    private ImageReference Ref(string prefix) => ImageReference.Parse($"{_registry.Host}/{TestRegistry.UniqueRepository(prefix)}:v1");

    [Fact]
    public async Task UntrustedCertificateIsAClearError()
    {
        using var client = new RegistryClient(new RegistryOptions { RetryCount = 0, Anonymous = true });
        var e = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync(Ref("untrusted")));
        Assert.Contains("TLS", e.Message);
        Assert.Contains(_registry.Host, e.Message);
    }

    [Fact]
    public async Task TrustsACaCertificateFile()
    {
        using var client = new RegistryClient(new RegistryOptions { CaCertPaths = [_registry.CertificatePath], Anonymous = true });
        var reference = Ref("ca");
        var image = await TestImages.PushImageAsync(client.Repository(reference), "tls", 1, 100, "v1");
        Assert.Equal(image.Digest, (await client.ResolveAsync(reference)).Digest);
    }

    [Fact]
    public async Task SkipsVerificationWhenAsked()
    {
        using var client = new RegistryClient(new RegistryOptions { VerifyCerts = false, Anonymous = true });
        var reference = Ref("noverify");
        await TestImages.PushImageAsync(client.Repository(reference), "tls", 1, 100, "v1");
        Assert.Equal(MediaTypes.OciManifest, (await client.GetManifestAsync(reference)).MediaType);
    }

    [Fact]
    public async Task MissingCaFileIsNamed()
    {
        var e = Assert.Throws<OciException>(() => new RegistryClient(new RegistryOptions { CaCertPaths = ["/nonexistent/ca.pem"] }));
        Assert.Contains("/nonexistent/ca.pem", e.Message);
        await Task.CompletedTask;
    }
}
