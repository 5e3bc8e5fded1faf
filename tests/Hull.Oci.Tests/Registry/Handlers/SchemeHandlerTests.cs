using Hull.Oci.Registry.Handlers;

namespace Hull.Oci.Tests.Registry.Handlers;

public sealed class SchemeHandlerTests
{
    [Fact]
    public async Task ALocalRegistryWithoutTlsIsReachedOverHttp()
    {
        var call = HandlerChain.Call(TestRegistry.Host);
        call.BaseUri = null;
        using var response = await HandlerChain.SendAsync(new SchemeHandler(insecure: false), call, call.Carrier());
        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal("http", response.RequestMessage!.RequestUri!.Scheme);
        Assert.Equal(new Uri($"http://{TestRegistry.Host}"), call.BaseUri);
    }

    [Fact]
    public async Task ALocalRegistrySpeakingTlsIsReachedOverHttps()
    {
        using var tls = new TlsRegistry();
        using var handler = new SchemeHandler(insecure: false);
        Assert.Equal("https", await handler.SchemeAsync(tls.Host, CancellationToken.None));
    }

    [Fact]
    public async Task ARemoteRegistryIsHttpsWithoutAProbeUnlessInsecure()
    {
        using var handler = new SchemeHandler(insecure: false);
        // Nothing listens on this name: a probe would fail and fall back to http.
        Assert.Equal("https", await handler.SchemeAsync("registry.invalid:5000", CancellationToken.None));
        using var insecure = new SchemeHandler(insecure: true);
        Assert.Equal("http", await insecure.SchemeAsync("registry.invalid:5000", CancellationToken.None));
    }
}
