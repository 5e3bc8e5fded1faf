using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Hull.Oci.Registry.Handlers;

/// <summary>
/// Chooses <c>https</c> or <c>http</c> per registry and builds the request for it. As go-containerregistry (and so
/// imgpkg) does: https always comes first; plain http is the fallback only when <paramref name="insecure"/> is set or
/// for loopback and private (RFC 1918) addresses, and only when the registry does not speak TLS at all.
/// </summary>
internal sealed class SchemeHandler(bool insecure) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _schemes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage carrier, CancellationToken cancellationToken)
    {
        var call = RegistryRequest.Of(carrier);
        call.BaseUri = new Uri(await SchemeAsync(call.Registry, cancellationToken).ConfigureAwait(false) + "://" + call.Registry);
        carrier.Dispose();
        return await base.SendAsync(call.Create(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The scheme (<c>https</c> or <c>http</c>) to use for a registry.</summary>
    public Task<string> SchemeAsync(string registry, CancellationToken cancellationToken)
    {
        if (!insecure && !IsLocal(registry))
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
}
