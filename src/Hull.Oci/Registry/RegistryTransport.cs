using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hull.Oci.Auth;
using Hull.Oci.Manifests;

namespace Hull.Oci.Registry;

/// <summary>
/// The HTTP layer under <see cref="RegistryClient"/>: one pooled handler, scheme choice per registry,
/// authentication on challenge, the response header timeout, and retries with backoff.
/// </summary>
internal sealed class RegistryTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly RegistryAuthenticator _auth;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _schemes = new(StringComparer.Ordinal);

    public RegistryOptions Options { get; }

    public RegistryTransport(RegistryOptions options, ICredentialSource credentials)
    {
        Options = options;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, options.MaxConnectionsPerServer),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
        };
        ConfigureTls(handler, options);
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("hull/" + (typeof(RegistryTransport).Assembly.GetName().Version?.ToString(3) ?? "0"));
        _auth = new RegistryAuthenticator(_http, credentials, options.ResponseHeaderTimeout);
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

    /// <summary>The scheme (<c>https</c> or <c>http</c>) to use for a registry.</summary>
    public Task<string> SchemeAsync(string registry, CancellationToken cancellationToken)
    {
        // As go-containerregistry (and so imgpkg) does: https always comes first; plain http is the fallback
        // only with --registry-insecure or for loopback and private (RFC 1918) addresses.
        if (!Options.Insecure && !IsLocal(registry))
            return Task.FromResult("https");
        // The probe is shared by every caller, so no single caller's cancellation may end it (it has its own timeout).
        return _schemes.GetOrAdd(registry, r => new Lazy<Task<string>>(() => ProbeAsync(r))).Value.WaitAsync(cancellationToken);
    }

    private static bool IsLocal(string registry)
    {
        string host = registry;
        if (host.StartsWith('['))
            host = host[1..host.IndexOf(']')];
        else if (host.IndexOf(':') is int colon and >= 0)
            host = host[..colon];
        if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal))
            return true;
        if (!IPAddress.TryParse(host, out var ip))
            return false;
        if (IPAddress.IsLoopback(ip))
            return true;
        if (ip.AddressFamily != AddressFamily.InterNetwork)
            return false;
        byte[] b = ip.GetAddressBytes();
        return b[0] == 10 || b[0] == 172 && (b[1] & 0xf0) == 16 || b[0] == 192 && b[1] == 168;
    }

    /// <summary>
    /// Asks only whether the registry speaks TLS (any certificate accepted here): when it does, requests use https
    /// and fail with a clear certificate error if it is untrusted, rather than falling back to http.
    /// </summary>
    private static async Task<string> ProbeAsync(string registry)
    {
        string host = registry;
        int port = 443;
        int close = registry.StartsWith('[') ? registry.IndexOf(']') : -1;
        int colon = registry.IndexOf(':', close + 1);
        if (colon >= 0)
        {
            host = registry[..colon];
            port = int.Parse(registry.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture);
        }
        host = host.Trim('[', ']');
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
            }, timeout.Token).ConfigureAwait(false);
            return "https";
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            return "http";
        }
    }

    /// <summary>
    /// Sends a request built by <paramref name="build"/> (called again for each retry, with the registry's base URI),
    /// answering auth challenges for <paramref name="scopes"/>. Returns the final response, successful or not;
    /// throws <see cref="OciException"/> for connection failures after the retries.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(string registry, IReadOnlyList<string> scopes, Func<Uri, HttpRequestMessage> build,
        string what, bool replayable, CancellationToken cancellationToken)
    {
        var baseUri = new Uri(await SchemeAsync(registry, cancellationToken).ConfigureAwait(false) + "://" + registry);
        var header = await _auth.HeaderAsync(registry, scopes, cancellationToken).ConfigureAwait(false);
        bool challenged = false;
        for (int attempt = 0; ; attempt++)
        {
            var request = build(baseUri);
            if (header is not null && SameHost(request.RequestUri, baseUri))
                request.Headers.Authorization = header;
            HttpResponseMessage response;
            try
            {
                response = await SendWithHeaderTimeoutAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (FindMismatch(e) is { } mismatch)
            {
                request.Dispose();
                throw mismatch;
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                request.Dispose();
                if (!replayable || attempt >= Options.RetryCount)
                    throw new OciException($"{what}: {Describe(e, registry)}", e);
                await Task.Delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !challenged
                && AuthChallenge.Parse(response.Headers.WwwAuthenticate.ToString()) is { } challenge)
            {
                challenged = true;
                var answer = await _auth.ChallengeAsync(registry, challenge, scopes, header, cancellationToken).ConfigureAwait(false);
                if (answer is not null && replayable)
                {
                    header = answer;
                    response.Dispose();
                    request.Dispose();
                    attempt--;
                    continue;
                }
                if (answer is not null)
                    header = answer;
            }
            if (IsRetryable(response.StatusCode) && replayable && attempt < Options.RetryCount)
            {
                var delay = Backoff(attempt, response.Headers.RetryAfter);
                response.Dispose();
                request.Dispose();
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }
            return response;
        }
    }

    /// <summary>Sends once; the response header timeout starts when the request body has been written.</summary>
    private async Task<HttpResponseMessage> SendWithHeaderTimeoutAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.Content is StreamingContent streaming)
            streaming.Sent += () => timeout.CancelAfter(Options.ResponseHeaderTimeout);
        else
            timeout.CancelAfter(Options.ResponseHeaderTimeout);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no response headers within {Options.ResponseHeaderTimeout.TotalSeconds:0.#} s");
        }
    }

    private static DigestMismatchException? FindMismatch(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is DigestMismatchException mismatch)
                return mismatch;
        }
        return null;
    }

    private static bool SameHost(Uri? a, Uri b) =>
        a is null || !a.IsAbsoluteUri || string.Equals(a.Authority, b.Authority, StringComparison.OrdinalIgnoreCase);

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException or TimeoutException && !cancellationToken.IsCancellationRequested;

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        if (retryAfter?.Delta is { } delta)
            return delta > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : delta;
        double ms = Options.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 8));
        return TimeSpan.FromMilliseconds(Math.Min(ms, 10_000) * (0.75 + Random.Shared.NextDouble() * 0.5));
    }

    private static string Describe(Exception e, string registry)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"unknown host \"{registry}\"",
                    SocketError.ConnectionRefused => $"connection to {registry} refused",
                    _ => $"connection to {registry} failed: {socket.Message}",
                };
            }
            if (inner is System.Security.Authentication.AuthenticationException)
                return $"TLS handshake with {registry} failed: {inner.Message} (trust its CA with --registry-ca-cert-path, or skip verification with --registry-verify-certs=false)";
        }
        return e is TimeoutException ? e.Message : $"connection to {registry} failed: {e.Message}";
    }

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

    public void Dispose() => _http.Dispose();
}
