using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Hull.Cli;

namespace Hull.Cli.Tests;

/// <summary>
/// `hull package install --target kapp-controller` with a kubeconfig, against a fake API server on 127.0.0.1 that
/// records each request and answers with its body (as server-side apply does) or a Status error.
/// </summary>
public sealed class KappControllerApplyTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-cli-kapp-").FullName;
    private readonly HttpListener _listener = new();
    private readonly List<(string Method, string Path, string Query, string ContentType, JsonElement Body)> _requests = [];
    private readonly string _kubeconfig;
    private string? _failPathContaining;

    public KappControllerApplyTests()
    {
        int port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = ServeAsync();
        _kubeconfig = Path.Combine(_tmp, "kubeconfig");
        File.WriteAllText(_kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: http://127.0.0.1:{port}
            users:
            - name: me
              user:
                token: t0ken
            contexts:
            - name: fake
              context:
                cluster: fake
                user: me
            current-context: fake
            """);
        File.WriteAllText(Path.Combine(_tmp, "values.yml"), "password: s3cret-value\n");
    }

    public void Dispose()
    {
        _listener.Close();
        Directory.Delete(_tmp, recursive: true);
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            string path = context.Request.Url!.AbsolutePath;
            lock (_requests)
            {
                _requests.Add((context.Request.HttpMethod, path, context.Request.Url.Query, context.Request.ContentType ?? "", JsonDocument.Parse(body).RootElement.Clone()));
            }
            bool fail = _failPathContaining is not null && path.Contains(_failPathContaining, StringComparison.Ordinal);
            byte[] answer = Encoding.UTF8.GetBytes(fail
                ? """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"admission webhook denied the request: no","reason":"Invalid","code":422}"""
                : body);
            context.Response.StatusCode = fail ? 422 : 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    private async Task<(int Code, string Out, string Err)> Install()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await HullApp.RunAsync(
            ["package", "install", "my-package", "-p", "my-package.corp.com", "--version", "0.0.1", "-n", "apps", "--values-file", Path.Combine(_tmp, "values.yml"),
             "--target", "kapp-controller", "--kubeconfig", _kubeconfig], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task AppliesEachResourceServerSideAtItsScope()
    {
        var (code, output, err) = await Install();

        Assert.True(code == 0, err);
        Assert.DoesNotContain("s3cret", output + err, StringComparison.Ordinal);
        Assert.Equal(
            [
                "/api/v1/namespaces/apps/serviceaccounts/my-package-apps-sa ServiceAccount",
                "/apis/rbac.authorization.k8s.io/v1/clusterroles/my-package-apps-cluster-role ClusterRole",
                "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/my-package-apps-cluster-rolebinding ClusterRoleBinding",
                "/api/v1/namespaces/apps/secrets/my-package-apps-values Secret",
                "/apis/packaging.carvel.dev/v1alpha1/namespaces/apps/packageinstalls/my-package PackageInstall",
            ],
            _requests.Select(r => $"{r.Path} {r.Body.GetProperty("kind").GetString()}"));
        Assert.All(_requests, r =>
        {
            Assert.Equal("PATCH", r.Method);
            Assert.StartsWith("application/apply-patch+yaml", r.ContentType, StringComparison.Ordinal);
            Assert.Contains("fieldManager=hull", r.Query, StringComparison.Ordinal);
            Assert.Contains("force=true", r.Query, StringComparison.Ordinal);
        });
        var install = _requests[^1].Body;
        Assert.Equal("apps", install.GetProperty("metadata").GetProperty("namespace").GetString());
        Assert.Equal("my-package.corp.com", install.GetProperty("spec").GetProperty("packageRef").GetProperty("refName").GetString());
        Assert.False(_requests[1].Body.GetProperty("metadata").TryGetProperty("namespace", out _));
        Assert.Contains("applied PackageInstall apps/my-package\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorNamesTheResourceAndTheServersMessage()
    {
        _failPathContaining = "/secrets/";
        var (code, output, err) = await Install();

        Assert.Equal(1, code);
        Assert.Equal("hull: error: applying Secret apps/my-package-apps-values: 422 admission webhook denied the request: no\n", err);
        Assert.DoesNotContain("s3cret", output + err, StringComparison.Ordinal);
        Assert.DoesNotContain(_requests, r => r.Path.Contains("packageinstalls", StringComparison.Ordinal));
    }
}
