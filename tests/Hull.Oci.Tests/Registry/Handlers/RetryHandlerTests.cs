using Hull.Oci.Registry.Handlers;
using Hull.Oci.Tests.Auth;

namespace Hull.Oci.Tests.Registry.Handlers;

public sealed class RetryHandlerTests
{
    // 503 for the first two requests, then 200.
    private static FakeRegistry FlakyRegistry()
    {
        int seen = 0;
        return new FakeRegistry(context => Interlocked.Increment(ref seen) <= 2
            ? FakeRegistry.Write(context, 503, "")
            : FakeRegistry.Write(context, 200, "{}"));
    }

    [Theory]
    [InlineData(2, true, 200, 3)]
    [InlineData(1, true, 503, 2)]
    [InlineData(5, false, 503, 1)]
    public async Task RetriesAsOftenAsConfigured(int retries, bool replayable, int status, int requests)
    {
        using var fake = FlakyRegistry();
        using var response = await HandlerChain.SendAsync(new RetryHandler(retries, TimeSpan.FromMilliseconds(1)), HandlerChain.Call(fake.Host, replayable: replayable));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(requests, fake.Requests.Count);
    }

    [Fact]
    public async Task AConnectionFailureLeftAfterTheRetriesNamesTheRegistry()
    {
        string host;
        using (var closed = new FakeRegistry(_ => Task.CompletedTask))
            host = closed.Host;
        var e = await Assert.ThrowsAsync<OciException>(() => HandlerChain.SendAsync(new RetryHandler(1, TimeSpan.FromMilliseconds(1)), HandlerChain.Call(host)));
        Assert.Equal($"fetching /v2/: connection to {host} refused", e.Message);
    }
}
