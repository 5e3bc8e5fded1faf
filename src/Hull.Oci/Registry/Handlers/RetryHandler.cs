using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Hull.Oci.Registry.Handlers;

/// <summary>
/// Retries a replayable request up to <paramref name="retryCount"/> times, with exponential backoff from
/// <paramref name="retryDelay"/> (or the registry's Retry-After, at most 30 s): after connection failures and
/// timeouts, and after 429, 500, 502, 503 and 504. A connection failure left after the retries becomes an
/// <see cref="OciException"/> naming what failed and the registry; a digest mismatch is never retried.
/// </summary>
internal sealed class RetryHandler(int retryCount, TimeSpan retryDelay) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = RegistryRequest.Of(request);
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (FindMismatch(e) is { } mismatch)
            {
                request.Dispose();
                throw mismatch;
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                request.Dispose();
                if (!call.Replayable || call.Attempt >= retryCount)
                    throw new OciException($"{call.What}: {Describe(e, call.Registry)}", e);
                await Task.Delay(Backoff(call.Attempt++, null), cancellationToken).ConfigureAwait(false);
                request = call.Create();
                continue;
            }
            if (IsRetryable(response.StatusCode) && call.Replayable && call.Attempt < retryCount)
            {
                var delay = Backoff(call.Attempt++, response.Headers.RetryAfter);
                response.Dispose();
                request.Dispose();
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                request = call.Create();
                continue;
            }
            return response;
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

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException or TimeoutException && !cancellationToken.IsCancellationRequested;

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        if (retryAfter?.Delta is { } delta)
            return delta > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : delta;
        double ms = retryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 8));
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
}
