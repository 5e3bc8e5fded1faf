using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hull.Oci.Tests.Auth;

/// <summary>
/// A tiny in-process registry front for fault and auth tests: answers with a handler per request,
/// so tests can demand bearer tokens, fail with 503, or count requests.
/// </summary>
public sealed class FakeRegistry : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _handler;
    private readonly Task _loop;

    public string Host { get; }

    public List<string> Requests { get; } = [];

    public FakeRegistry(Func<HttpListenerContext, Task> handler)
    {
        _handler = handler;
        int port = FreePort();
        Host = $"127.0.0.1:{port}";
        _listener.Prefixes.Add($"http://{Host}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            lock (Requests)
                Requests.Add($"{context.Request.HttpMethod} {context.Request.Url!.PathAndQuery} auth={context.Request.Headers["Authorization"]}");
            try
            {
                await _handler(context);
            }
            finally
            {
                try { context.Response.Close(); } catch (Exception) { }
            }
        }
    }

    public static async Task Write(HttpListenerContext context, int status, string body, string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        if (headers is not null)
        {
            foreach (var (k, v) in headers)
                context.Response.AddHeader(k, v);
        }
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
    }
}
