using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hull.Oci.Auth;
using Hull.Oci.Manifests;
using Hull.Oci.Registry.Handlers;

namespace Hull.Oci.Registry;

/// <summary>
/// The HTTP layer under <see cref="RegistryClient"/>: one pooled connection handler under a chain of small handlers,
/// outermost first: <see cref="SchemeHandler"/> (https or http per registry), <see cref="AuthChallengeHandler"/>
/// (Authorization headers, 401 challenges), <see cref="RetryHandler"/> (backoff, the configured retry count) and
/// <see cref="IdleTimeoutHandler"/> (the response header timeout).
/// </summary>
internal sealed class RegistryTransport : IDisposable
{
    private static readonly string UserAgent = "hull/" + (typeof(RegistryTransport).Assembly.GetName().Version?.ToString(3) ?? "0");

    private readonly SocketsHttpHandler _connections;
    private readonly HttpClient _tokens;
    private readonly HttpMessageInvoker _registry;

    public RegistryOptions Options { get; }

    public RegistryTransport(RegistryOptions options, ICredentialSource credentials)
    {
        Options = options;
        _connections = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, options.MaxConnectionsPerServer),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
        };
        ConfigureTls(_connections, options);
        // Token requests go straight to the connections: the realm is not the registry and answers no challenges.
        _tokens = new HttpClient(_connections, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _tokens.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        var auth = new RegistryAuthenticator(_tokens, credentials, options.ResponseHeaderTimeout);
        _registry = new HttpMessageInvoker(new SchemeHandler(options.Insecure)
        {
            InnerHandler = new AuthChallengeHandler(auth)
            {
                InnerHandler = new RetryHandler(options.RetryCount, options.RetryDelay)
                {
                    InnerHandler = new IdleTimeoutHandler(options.ResponseHeaderTimeout) { InnerHandler = _connections },
                },
            },
        }, disposeHandler: true);
    }

    private static void ConfigureTls(SocketsHttpHandler handler, RegistryOptions options)
    {
        if (!options.VerifyCerts)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
            return;
        }
        if (options.CaCertPaths.Count == 0)
            return;
        var extra = new X509Certificate2Collection();
        foreach (string path in options.CaCertPaths)
        {
            try
            {
                extra.ImportFromPemFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new OciException($"reading CA certificate {path}: {e.Message}", e);
            }
        }
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            if (errors == SslPolicyErrors.None)
                return true;
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
                return false;
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(extra);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
            return custom.Build(new X509Certificate2(certificate));
        };
    }

    /// <summary>
    /// Sends a request built by <paramref name="build"/> (called again for each retry, with the registry's base URI),
    /// answering auth challenges for <paramref name="scopes"/>. Returns the final response, successful or not;
    /// throws <see cref="OciException"/> for connection failures after the retries.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(string registry, IReadOnlyList<string> scopes, Func<Uri, HttpRequestMessage> build,
        string what, bool replayable, CancellationToken cancellationToken) =>
        _registry.SendAsync(new RegistryRequest(registry, scopes, build, what, replayable, UserAgent).Carrier(), cancellationToken);

    /// <summary>Turns an unsuccessful response into a one-line exception naming what failed and the registry's reason.</summary>
    public static async Task<OciException> ErrorAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        string detail = "";
        bool digestInvalid = false;
        try
        {
            if (response.Content.Headers.ContentLength is null or < 65536)
            {
                byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (body.Length > 0 && body[0] == (byte)'{')
                {
                    var errors = JsonSerializer.Deserialize(body, OciJson.Context.RegistryErrors);
                    digestInvalid = errors?.Errors?.Any(x => x.Code == "DIGEST_INVALID") == true;
                    if (errors?.Errors is { Count: > 0 } list)
                        detail = ": " + string.Join("; ", list.Select(x => x.Code + (string.IsNullOrEmpty(x.Message) ? "" : " " + x.Message)));
                }
            }
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException)
        {
            // The status line alone still says what went wrong.
        }
        int code = (int)response.StatusCode;
        string message = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $"{what}: unauthorized (401): check credentials (docker login, IMGPKG_REGISTRY_* or --registry-username/--registry-password){detail}",
            HttpStatusCode.Forbidden => $"{what}: access denied (403){detail}",
            HttpStatusCode.NotFound => $"{what}: not found (404){detail}",
            _ => $"{what}: {code} {response.ReasonPhrase}{detail}",
        };
        if (digestInvalid)
            return new DigestMismatchException(message);
        return response.StatusCode == HttpStatusCode.NotFound ? new OciNotFoundException(message) : new OciException(message);
    }

    public void Dispose()
    {
        _registry.Dispose();
        _tokens.Dispose();
    }
}
