using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Hull.Oci.Tests;

/// <summary>Proves the test registry is up and speaks the distribution API, independent of Hull's client.</summary>
public sealed class RegistryWiringTests
{
    [Fact]
    public async Task PushesAndReadsBackABlobAndAManifest()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{TestRegistry.Host}") };
        string repo = TestRegistry.UniqueRepository("wiring");
        byte[] blob = Encoding.UTF8.GetBytes("hello, registry");
        string digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(blob));

        await Upload(http, repo, blob, digest);

        byte[] config = "{}"u8.ToArray();
        string configDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(config));
        await Upload(http, repo, config, configDigest);

        string manifest = $$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{configDigest}}","size":{{config.Length}}},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"{{digest}}","size":{{blob.Length}}}]}
            """;
        var putManifest = new HttpRequestMessage(HttpMethod.Put, $"/v2/{repo}/manifests/v1") { Content = new StringContent(manifest) };
        putManifest.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(putManifest)).StatusCode);

        var getManifest = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/manifests/v1");
        getManifest.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        var gotManifest = await http.SendAsync(getManifest);
        Assert.Equal(HttpStatusCode.OK, gotManifest.StatusCode);
        Assert.Equal(manifest, await gotManifest.Content.ReadAsStringAsync());

        Assert.Equal(blob, await http.GetByteArrayAsync($"/v2/{repo}/blobs/{digest}"));
    }

    private static async Task Upload(HttpClient http, string repo, byte[] blob, string digest)
    {
        var start = await http.PostAsync($"/v2/{repo}/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!;
        string sep = location.ToString().Contains('?') ? "&" : "?";
        var put = new HttpRequestMessage(HttpMethod.Put, $"{location}{sep}digest={digest}") { Content = new ByteArrayContent(blob) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(put)).StatusCode);
    }
}
