using System.Net.Http.Headers;

namespace Hull.Oci.Registry.Handlers;

/// <summary>
/// One call of <see cref="RegistryTransport.SendAsync"/> as the handlers see it: which registry, the scopes to
/// authenticate for, how to build the request again (a retry or an answered challenge sends a fresh one), and the
/// state the handlers share across attempts (base URI, Authorization header, attempt count).
/// </summary>
internal sealed class RegistryRequest(string registry, IReadOnlyList<string> scopes, Func<Uri, HttpRequestMessage> build, string what, bool replayable, string userAgent)
{
    private static readonly HttpRequestOptionsKey<RegistryRequest> Key = new("hull.registry-request");

    /// <summary>The registry host (with port).</summary>
    public string Registry { get; } = registry;

    /// <summary>The token scopes the request needs.</summary>
    public IReadOnlyList<string> Scopes { get; } = scopes;

    /// <summary>What the request does, for error messages.</summary>
    public string What { get; } = what;

    /// <summary>Whether the request may be built and sent again (its body can be read again).</summary>
    public bool Replayable { get; } = replayable;

    /// <summary><c>scheme://registry</c>, set by <see cref="SchemeHandler"/>.</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>The Authorization header sent to the registry, set by <see cref="AuthChallengeHandler"/>.</summary>
    public AuthenticationHeaderValue? Header { get; set; }

    /// <summary>Sends made so far after the first (a replay after an answered challenge does not count).</summary>
    public int Attempt { get; set; }

    /// <summary>A carrier message for the handler chain: the real request is built once the scheme is known.</summary>
    public HttpRequestMessage Carrier()
    {
        var carrier = new HttpRequestMessage();
        carrier.Options.Set(Key, this);
        return carrier;
    }

    /// <summary>Builds the request afresh for the base URI, with the current Authorization header for the registry's own host.</summary>
    public HttpRequestMessage Create()
    {
        var baseUri = BaseUri ?? throw new InvalidOperationException("the registry's scheme is not chosen yet");
        var request = build(baseUri);
        request.Options.Set(Key, this);
        request.Headers.UserAgent.ParseAdd(userAgent);
        Authorize(request);
        return request;
    }

    /// <summary>Puts the current Authorization header on <paramref name="request"/> when it goes to the registry's own host.</summary>
    public void Authorize(HttpRequestMessage request)
    {
        if (Header is not null && BaseUri is not null && SameHost(request.RequestUri, BaseUri))
            request.Headers.Authorization = Header;
    }

    /// <summary>The call a message belongs to.</summary>
    public static RegistryRequest Of(HttpRequestMessage message) =>
        message.Options.TryGetValue(Key, out var request) ? request : throw new InvalidOperationException("not a registry request");

    // A redirect or upload location on another host (a blob store) must not receive the registry's credentials.
    private static bool SameHost(Uri? a, Uri b) =>
        a is null || !a.IsAbsoluteUri || string.Equals(a.Authority, b.Authority, StringComparison.OrdinalIgnoreCase);
}
