using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hull.Oci.Manifests;

namespace Hull.Oci.Auth;

/// <summary>
/// Turns credentials and <c>WWW-Authenticate</c> challenges into Authorization headers: Basic, a registry
/// token as is, or Bearer tokens from the challenge's realm, cached per registry and scope until they expire.
/// </summary>
internal sealed class RegistryAuthenticator(HttpClient http, ICredentialSource credentials, TimeSpan timeout)
{
    private readonly ConcurrentDictionary<string, RegistryState> _registries = new(StringComparer.Ordinal);

    private sealed class RegistryState
    {
        public volatile AuthChallenge? Challenge;
        public readonly ConcurrentDictionary<string, (AuthenticationHeaderValue Header, DateTime Expires)> Tokens = new(StringComparer.Ordinal);
        public readonly SemaphoreSlim Lock = new(1, 1);
        public readonly ConcurrentDictionary<string, Lazy<Task<Credential?>>> Credentials = new(StringComparer.Ordinal);
    }

    private RegistryState State(string registry) => _registries.GetOrAdd(registry, _ => new RegistryState());

    private Task<Credential?> CredentialAsync(RegistryState state, string registry, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        // Shared by every request to the registry, so no single caller's cancellation may end the lookup
        // (a credential helper has its own timeout). The first scope names the repository the request is for ("repository:NAME:ACTIONS").
        string? repository = null;
        if (scopes.Count > 0 && scopes[0].StartsWith("repository:", StringComparison.Ordinal))
        {
            string rest = scopes[0]["repository:".Length..];
            int colon = rest.LastIndexOf(':');
            repository = colon < 0 ? rest : rest[..colon];
        }
        return state.Credentials.GetOrAdd(repository ?? "", _ => new Lazy<Task<Credential?>>(
            () => credentials.GetAsync(registry, repository, CancellationToken.None).AsTask())).Value.WaitAsync(cancellationToken);
    }

    /// <summary>The header to send before any challenge: cached, or obtained up front once the scheme is known.</summary>
    public async ValueTask<AuthenticationHeaderValue?> HeaderAsync(string registry, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var state = State(registry);
        var challenge = state.Challenge;
        if (challenge is null)
        {
            // A registry token is meant to be sent without waiting for a challenge.
            var credential = await CredentialAsync(state, registry, scopes, cancellationToken).ConfigureAwait(false);
            return credential?.RegistryToken is { } token ? new AuthenticationHeaderValue("Bearer", token) : null;
        }
        return await ObtainAsync(state, registry, challenge, scopes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers a 401's challenge; null when there is nothing more to try.</summary>
    public async Task<AuthenticationHeaderValue?> ChallengeAsync(string registry, AuthChallenge challenge, IReadOnlyList<string> scopes,
        AuthenticationHeaderValue? rejected, CancellationToken cancellationToken)
    {
        var state = State(registry);
        state.Challenge = challenge;
        string key = string.Join(' ', scopes);
        if (rejected is not null && state.Tokens.TryGetValue(key, out var cached) && cached.Header.Equals(rejected))
            state.Tokens.TryRemove(key, out _);
        var header = await ObtainAsync(state, registry, challenge, scopes, cancellationToken).ConfigureAwait(false);
        return header is not null && header.Equals(rejected) ? null : header;
    }

    private async Task<AuthenticationHeaderValue?> ObtainAsync(RegistryState state, string registry, AuthChallenge challenge,
        IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        string key = string.Join(' ', scopes);
        if (state.Tokens.TryGetValue(key, out var cached) && cached.Expires > DateTime.UtcNow)
            return cached.Header;
        var credential = await CredentialAsync(state, registry, scopes, cancellationToken).ConfigureAwait(false) ?? Credential.Anonymous;
        if (credential.RegistryToken is not null)
            return new AuthenticationHeaderValue("Bearer", credential.RegistryToken);
        if (challenge.IsBasic)
            return credential.Username is not null || credential.Password is not null ? Basic(credential) : null;
        if (!challenge.IsBearer)
            return null;

        await state.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (state.Tokens.TryGetValue(key, out cached) && cached.Expires > DateTime.UtcNow)
                return cached.Header;
            var (token, lifetime) = await FetchTokenAsync(registry, challenge, scopes, credential, cancellationToken).ConfigureAwait(false);
            var header = new AuthenticationHeaderValue("Bearer", token);
            var margin = TimeSpan.FromSeconds(Math.Min(30, lifetime.TotalSeconds / 4));
            state.Tokens[key] = (header, DateTime.UtcNow + lifetime - margin);
            return header;
        }
        finally
        {
            state.Lock.Release();
        }
    }

    private static AuthenticationHeaderValue Basic(Credential credential) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}")));

    private async Task<(string Token, TimeSpan Lifetime)> FetchTokenAsync(string registry, AuthChallenge challenge,
        IReadOnlyList<string> scopes, Credential credential, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || realm.Scheme is not ("https" or "http"))
            throw new OciException($"{registry}: the registry's bearer challenge has no usable realm (\"{challenge.Realm}\")");
        IReadOnlyList<string> wanted = scopes.Count > 0 ? scopes : challenge.Scope is { } s ? [s] : [];
        HttpRequestMessage request;
        if (credential.IdentityToken is not null)
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new("grant_type", "refresh_token"),
                new("refresh_token", credential.IdentityToken),
                new("client_id", "hull"),
            };
            if (challenge.Service is not null)
                form.Add(new("service", challenge.Service));
            if (wanted.Count > 0)
                form.Add(new("scope", string.Join(' ', wanted)));
            request = new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
        }
        else
        {
            var query = new StringBuilder(realm.Query.Length > 1 ? realm.Query[1..] : "");
            if (challenge.Service is not null)
                Append(query, "service", challenge.Service);
            foreach (string scope in wanted)
                Append(query, "scope", scope);
            var uri = new UriBuilder(realm) { Query = query.ToString() }.Uri;
            request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (credential.Username is not null || credential.Password is not null)
                request.Headers.Authorization = Basic(credential);
        }
        using (request)
        {
            HttpResponseMessage response;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                response = await http.SendAsync(request, deadline.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new OciException($"{registry}: token request to {realm.GetLeftPart(UriPartial.Path)} failed: {e.Message}", e);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new OciException($"{registry}: token endpoint {realm.GetLeftPart(UriPartial.Path)} did not answer within {timeout.TotalSeconds:0.#} s");
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    string who = credential.IsAnonymous ? "anonymously" : "with the configured credentials";
                    throw new OciException(
                        $"{registry}: authentication {who} failed: token endpoint {realm.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase} for scope \"{string.Join(' ', wanted)}\"");
                }
                byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                TokenResponse? parsed;
                try
                {
                    parsed = JsonSerializer.Deserialize(body, OciJson.Context.TokenResponse);
                }
                catch (JsonException)
                {
                    throw new OciException($"{registry}: token endpoint {realm.GetLeftPart(UriPartial.Path)} returned invalid JSON");
                }
                string? token = parsed?.Token is { Length: > 0 } t ? t : parsed?.AccessToken;
                if (string.IsNullOrEmpty(token))
                    throw new OciException($"{registry}: token endpoint {realm.GetLeftPart(UriPartial.Path)} returned no token");
                int seconds = parsed!.ExpiresIn is > 0 ? parsed.ExpiresIn.Value : 60;
                return (token, TimeSpan.FromSeconds(seconds));
            }
        }
    }

    private static void Append(StringBuilder query, string key, string value)
    {
        if (query.Length > 0)
            query.Append('&');
        query.Append(key).Append('=').Append(Uri.EscapeDataString(value));
    }
}
