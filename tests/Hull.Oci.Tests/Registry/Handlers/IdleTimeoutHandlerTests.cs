using Hull.Oci.Registry.Handlers;
using Hull.Oci.Tests.Auth;

namespace Hull.Oci.Tests.Registry.Handlers;

public sealed class IdleTimeoutHandlerTests
{
    [Fact]
    public async Task ARegistryThatSendsNoHeadersTimesOut()
    {
        using var stalled = new CancellationTokenSource();
        using var fake = new FakeRegistry(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), stalled.Token).ContinueWith(_ => { });
            await FakeRegistry.Write(context, 200, "{}");
        });
        var e = await Assert.ThrowsAsync<TimeoutException>(() => HandlerChain.SendAsync(new IdleTimeoutHandler(TimeSpan.FromMilliseconds(200)), HandlerChain.Call(fake.Host)));
        Assert.Equal("no response headers within 0.2 s", e.Message);
        stalled.Cancel();
    }

    [Fact]
    public async Task AnAnswerInTimeIsReturned()
    {
        using var fake = new FakeRegistry(context => FakeRegistry.Write(context, 200, "{}"));
        using var response = await HandlerChain.SendAsync(new IdleTimeoutHandler(TimeSpan.FromSeconds(5)), HandlerChain.Call(fake.Host));
        Assert.Equal(200, (int)response.StatusCode);
    }
}
