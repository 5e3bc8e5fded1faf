using System.Net;
using Hull.Oci.Auth;

namespace Hull.Oci.Registry.Handlers;

/// <summary>
/// Sends the Authorization header the authenticator has for the request's scopes, and answers one 401 challenge
/// per call: the request is built again with the new header when it can be replayed.
/// </summary>
internal sealed class AuthChallengeHandler(RegistryAuthenticator authenticator) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = RegistryRequest.Of(request);
        call.Header = await authenticator.HeaderAsync(call.Registry, call.Scopes, cancellationToken).ConfigureAwait(false);
        call.Authorize(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || AuthChallenge.Parse(response.Headers.WwwAuthenticate.ToString()) is not { } challenge)
            return response;
        var answer = await authenticator.ChallengeAsync(call.Registry, challenge, call.Scopes, call.Header, cancellationToken).ConfigureAwait(false);
        if (answer is null)
            return response;
        call.Header = answer;
        if (!call.Replayable)
            return response;
        response.Dispose();
        request.Dispose();
        return await base.SendAsync(call.Create(), cancellationToken).ConfigureAwait(false);
    }
}
