using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Hull.Packaging.Installing;

namespace Hull.Packaging.Cluster;

/// <summary>
/// A small JSON client of the Kubernetes API over a kubeconfig's connection: get, list, server-side apply, merge
/// patch and delete by path. Errors are <see cref="InstallException"/>s naming the request and the API server's message.
/// </summary>
public sealed class KubernetesApi : IDisposable
{
    /// <summary>The field manager of Hull's server-side applies.</summary>
    public const string FieldManager = "hull";

    private readonly HttpClient http;

    /// <summary>Connects as <paramref name="config"/> says.</summary>
    public KubernetesApi(Kubeconfig config)
    {
        Config = config;
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(15) };
        if (config.InsecureSkipTlsVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (config.CertificateAuthorityPem is { } caPem)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(caPem);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }
                if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                {
                    return false;
                }
                // The kubeconfig's CA, not the system's, is the trust anchor for this server.
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }
        if (config.ClientCertificatePem is { } certPem && config.ClientKeyPem is { } keyPem)
        {
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPem(certPem, keyPem)];
        }
        http = new HttpClient(handler) { BaseAddress = config.Server, Timeout = TimeSpan.FromSeconds(60) };
        if (config.Token is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>The connection.</summary>
    public Kubeconfig Config { get; }

    /// <summary>GETs <paramref name="path"/>; null when it does not exist (404).</summary>
    public async Task<JsonElement?> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        return await ReadAsync(response, "getting", path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The items of the list at <paramref name="path"/> (with an optional label selector); none when the type is not served.</summary>
    public async Task<IReadOnlyList<JsonElement>> ListAsync(string path, string? labelSelector, CancellationToken cancellationToken)
    {
        string query = labelSelector is null ? path : $"{path}?labelSelector={Uri.EscapeDataString(labelSelector)}";
        var list = await GetAsync(query, cancellationToken).ConfigureAwait(false);
        return list is { } l && l.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().ToList() : [];
    }

    /// <summary>Server-side apply (create or update, owned by <see cref="FieldManager"/>, conflicts forced) of <paramref name="json"/> at <paramref name="path"/>.</summary>
    public async Task<JsonElement> ApplyAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Patch, $"{path}?fieldManager={FieldManager}&force=true", json, "application/apply-patch+yaml", cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, "applying", path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A JSON merge patch of the resource at <paramref name="path"/>.</summary>
    public async Task<JsonElement> MergePatchAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Patch, path, json, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, "patching", path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the resource at <paramref name="path"/> (in the background); false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, path, null, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        await ReadAsync(response, "deleting", path, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType!);
        }
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new InstallException($"{method} {Config.Server}{path.TrimStart('/')}: {e.Message} (kubeconfig {Config.Path})", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InstallException($"{method} {Config.Server}{path.TrimStart('/')}: no answer within {http.Timeout.TotalSeconds:0} s (kubeconfig {Config.Path})", e);
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string verb, string path, CancellationToken cancellationToken)
    {
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonElement? body = null;
        try
        {
            using var doc = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            body = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
        }
        if (!response.IsSuccessStatusCode)
        {
            // The API server answers errors with a Status object; its message says what was wrong.
            string message = body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()!
                : $"{response.ReasonPhrase} {text.Trim()}".Trim();
            throw new InstallException($"{verb} {path}: {(int)response.StatusCode} {message}");
        }
        return body ?? throw new InstallException($"{verb} {path}: the API server's answer is not JSON");
    }

    /// <inheritdoc/>
    public void Dispose() => http.Dispose();
}
