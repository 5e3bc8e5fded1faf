using Hull.Oci.Auth;
using Hull.Oci.Registry.Handlers;
using Hull.Oci.Tests.Auth;

namespace Hull.Oci.Tests.Registry.Handlers;

public sealed class AuthChallengeHandlerTests
{
    private static FakeRegistry BasicAuthRegistry() => new(async context =>
    {
        if (context.Request.Headers["Authorization"] is null)
        {
            await FakeRegistry.Write(context, 401, "", headers: new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"fake\"" });
            return;
        }
        await FakeRegistry.Write(context, 200, "{}");
    });

    private static AuthChallengeHandler Handler() =>
        new(new RegistryAuthenticator(new HttpClient(), new StaticCredentials(new Credential { Username = "u", Password = "p" }), TimeSpan.FromSeconds(5)));

    [Fact]
    public async Task AChallengeIsAnsweredAndTheRequestBuiltAgain()
    {
        using var fake = BasicAuthRegistry();
        using var response = await HandlerChain.SendAsync(Handler(), HandlerChain.Call(fake.Host));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["GET /v2/ auth=", "GET /v2/ auth=Basic dTpw"], fake.Requests);
    }

    [Fact]
    public async Task ARequestThatCannotBeReplayedReturnsTheChallenge()
    {
        using var fake = BasicAuthRegistry();
        using var response = await HandlerChain.SendAsync(Handler(), HandlerChain.Call(fake.Host, replayable: false));
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Single(fake.Requests);
    }
}
