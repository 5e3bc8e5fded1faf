using Hull.Oci.Registry.Handlers;

namespace Hull.Oci.Tests.Registry.Handlers;

/// <summary>Sends one registry request through a single handler over real connections, as the transport would.</summary>
internal static class HandlerChain
{
    /// <summary>A call to <paramref name="registry"/> that GETs <paramref name="path"/>; plain http unless the scheme handler chooses.</summary>
    public static RegistryRequest Call(string registry, string path = "/v2/", bool replayable = true) =>
        new(registry, ["repository:app:pull"], b => new HttpRequestMessage(HttpMethod.Get, new Uri(b, path)), "fetching " + path, replayable, "hull-test")
        {
            BaseUri = new Uri("http://" + registry),
        };

    /// <summary>Sends <paramref name="call"/>'s request through <paramref name="handler"/> and real sockets.</summary>
    public static async Task<HttpResponseMessage> SendAsync(DelegatingHandler handler, RegistryRequest call, HttpRequestMessage? first = null)
    {
        handler.InnerHandler = new SocketsHttpHandler();
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: true);
        return await invoker.SendAsync(first ?? call.Create(), CancellationToken.None);
    }
}
