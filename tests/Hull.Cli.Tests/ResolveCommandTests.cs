using System.Text;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;

namespace Hull.Cli.Tests;

/// <summary>`hull resolve` end to end against the test registry: kbld's flags, outputs and failures.</summary>
public sealed class ResolveCommandTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-cli-resolve-").FullName;
    private readonly string _repo = $"{Registry}/cli-resolve-{Guid.NewGuid():N}";

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    private static string Registry =>
        RegistryUnderTest.Host;

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await HullApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static async Task<string> PushAsync(string reference, string seed)
    {
        using var client = new RegistryClient(new RegistryOptions());
        var parsed = ImageReference.Parse(reference);
        var repo = client.Repository(parsed);
        byte[] layer = Encoding.UTF8.GetBytes("layer " + seed);
        var layerDescriptor = Descriptor.For(MediaTypes.OciLayerGzip, layer);
        await repo.PutBlobAsync(layerDescriptor, new MemoryStream(layer));
        byte[] config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"{seed}\"}}");
        var configDescriptor = Descriptor.For(MediaTypes.OciConfig, config);
        await repo.PutBlobAsync(configDescriptor, new MemoryStream(config));
        var manifest = Manifest.From(new ImageManifest { MediaType = MediaTypes.OciManifest, Config = configDescriptor, Layers = [layerDescriptor] });
        await repo.PutManifestAsync(manifest, parsed.Tag);
        return $"{parsed.Name}@{manifest.Digest}";
    }

    private string Config(string body)
    {
        string dir = Path.Combine(_tmp, "config");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "app.yml"), body);
        return dir;
    }

    [Fact]
    public async Task ResolvesAFolderAndWritesTheImgpkgLock()
    {
        string app = await PushAsync($"{_repo}/app:1.0", "app");
        string dir = Config($"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: {_repo}/app:1.0\n");
        string lockFile = Path.Combine(_tmp, "images.yml");
        var (code, output, err) = await Run("resolve", "-f", dir, "--imgpkg-lock-output", lockFile);
        Assert.True(code == 0, err);
        Assert.Equal($"""
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              annotations:
                kbld.k14s.io/images: |
                  - origins:
                    - resolved:
                        tag: "1.0"
                        url: {_repo}/app:1.0
                    url: {app}
              name: p
            spec:
              containers:
              - image: {app}
                name: app

            """, output);
        Assert.Equal($"""
            ---
            apiVersion: imgpkg.carvel.dev/v1alpha1
            images:
            - annotations:
                kbld.carvel.dev/id: {_repo}/app:1.0
                kbld.carvel.dev/origins: |
                  - resolved:
                      tag: "1.0"
                      url: {_repo}/app:1.0
              image: {app}
            kind: ImagesLock

            """, File.ReadAllText(lockFile));

        var (again, second, _) = await Run("resolve", "-f", dir, "--images-annotation=false", "--lock-output", Path.Combine(_tmp, "lock.yml"));
        Assert.Equal(0, again);
        Assert.DoesNotContain("kbld.k14s.io/images", second);
        Assert.Contains($"- image: {_repo}/app:1.0\n  newImage: {app}\n  preresolved: true\n", File.ReadAllText(Path.Combine(_tmp, "lock.yml")));

        var (listCode, listed, _) = await Run("resolve", "-f", dir, "--unresolved-inspect");
        Assert.Equal(0, listCode);
        Assert.Equal($"- image: {_repo}/app:1.0\n", listed);

        File.WriteAllText(Path.Combine(_tmp, "resolved.yml"), output);
        var (inspectCode, table, _) = await Run("resolve", "inspect", "-f", Path.Combine(_tmp, "resolved.yml"));
        Assert.Equal(0, inspectCode);
        Assert.Equal($"Images\n\nImage     {app}\nMetadata  - resolved:\n              tag: \"1.0\"\n              url: {_repo}/app:1.0\nResource  pod/p (v1) cluster\n\n1 images\n", table);
    }

    [Fact]
    public async Task BadReferencesFailTogetherAndWriteNothing()
    {
        await PushAsync($"{_repo}/app:1.0", "app");
        string dir = Config($"""
            a:
              image: {_repo}/app:1.0
            b:
              image: {_repo}/app:nope
            c:
              image: 127.0.0.1:1/down/app:1
            d:
              image: UPPER/Case:1
            """);
        string lockFile = Path.Combine(_tmp, "images.yml");
        var (code, output, err) = await Run("resolve", "-f", dir, "--imgpkg-lock-output", lockFile, "--registry-retry-count", "0");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.False(File.Exists(lockFile));
        Assert.Empty(Directory.EnumerateFiles(_tmp));
        var lines = err.TrimEnd().Split('\n');
        Assert.Equal("hull: error: 3 image references failed to resolve:", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"- resolving image '{_repo}/app:nope': ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("- resolving image '127.0.0.1:1/down/app:1': ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("- resolving image 'UPPER/Case:1': invalid reference", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnlyOneLockOutputAtATime()
    {
        var (code, _, err) = await Run("resolve", "-f", Config("a: 1\n"), "--lock-output", "a.yml", "--imgpkg-lock-output", "b.yml");
        Assert.Equal(1, code);
        Assert.Contains("please provide only one of '--lock-output' or '--imgpkg-lock-output'", err);
    }

    [Fact]
    public async Task ReadsHttpUrlsAndCommaSeparatedFiles()
    {
        using var listener = new System.Net.HttpListener();
        int port;
        for (int attempt = 0; ; attempt++)
        {
            port = Random.Shared.Next(20000, 60000);
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                break;
            }
            catch (System.Net.HttpListenerException) when (attempt < 10)
            {
            }
        }
        var serving = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            byte[] body = Encoding.UTF8.GetBytes("spec:\n  image: served:1\n");
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        });
        string local = Path.Combine(_tmp, "local.yml");
        File.WriteAllText(local, "image: local:2\n");
        var (code, output, err) = await Run("resolve", "-f", $"http://127.0.0.1:{port}/config.yml,{local}", "--unresolved-inspect");
        await serving;
        Assert.True(code == 0, err);
        Assert.Equal("- image: local:2\n- image: served:1\n", output);
    }
}
