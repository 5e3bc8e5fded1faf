// Times cosign-format signing and verification per bundle (issue 20's budget: under 10 ms each): ImageSigner.SignAsync
// (payload, ECDSA P-256 signature, the .sig image pushed) and SignatureVerifier.VerifyAsync (the .sig manifest and
// payload read, signature checked) on the test registry and on an OCI layout, plus the bare ECDSA operations and key
// loading. usage: Hull.Signing.Benchmarks [IMAGES]   (registry from HULL_TEST_REGISTRY; without it, the layout only)
using System.Diagnostics;
using System.Text;
using Hull.Oci.Layout;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;
using Hull.Oci.Signatures;
using Hull.Oci.Storage;

int images = args.Length > 0 ? int.Parse(args[0]) : 50;
const int Warmup = 40;
string? registry = Environment.GetEnvironmentVariable("HULL_TEST_REGISTRY");
string work = Directory.CreateTempSubdirectory("hull-signing-bench-").FullName;
try
{
    using var key = SigningKey.Generate();
    var keys = new[] { key.PublicKey };
    byte[] payload = SimpleSigningPayload.Create("registry.example.com/hull/bundle", Digest.Compute("bench"u8));
    Report("ECDSA sign (payload only)", Time(2000, () => key.Sign(payload)));
    byte[] signature = key.Sign(payload);
    Report("ECDSA verify (payload only)", Time(2000, () => key.PublicKey.Verify(payload, signature)));
    string plain = key.ExportPem(null);
    string encrypted = key.ExportPem("bench passphrase");
    Report("read an unencrypted private key", Time(200, () => SigningKey.FromPem(plain, "k", null).Dispose()));
    Report($"read an encrypted private key (PBKDF2 {SigningKey.EncryptionIterations:N0})", Time(5, () => SigningKey.FromPem(encrypted, "k", "bench passphrase").Dispose()));

    await Measure("OCI layout", OciLayout.OpenOrCreate(Path.Combine(work, "layout")), "oci:" + Path.Combine(work, "layout"));
    if (registry is not null)
    {
        using var client = new RegistryClient();
        string repository = $"{registry}/signing-bench-{Guid.NewGuid():N}";
        await Measure("registry", client.Repository(ImageReference.Parse(repository)), repository);
    }
    else
    {
        Console.WriteLine("HULL_TEST_REGISTRY not set: registry figures skipped");
    }

    async Task Measure(string where, IImageStore store, string identity)
    {
        var digests = new List<Digest>();
        for (int i = 0; i < images + Warmup; i++)
            digests.Add(await PushBundleAsync(store, i));
        var sign = new List<double>();
        var verify = new List<double>();
        var signCpu = TimeSpan.Zero;
        var verifyCpu = TimeSpan.Zero;
        for (int i = 0; i < digests.Count; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await ImageSigner.SignAsync(store, identity, digests[i], key);
            double signed = watch.Elapsed.TotalMilliseconds;
            var cpuSigned = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
            var verdict = await SignatureVerifier.VerifyAsync(store, digests[i], keys);
            double verified = watch.Elapsed.TotalMilliseconds;
            var cpuVerified = Process.GetCurrentProcess().TotalProcessorTime;
            if (!verdict.IsVerified)
                throw new InvalidOperationException(verdict.Message);
            if (i >= Warmup) // the first ones warm up the JIT (tiered compilation) and connections
            {
                sign.Add(signed);
                verify.Add(verified);
                signCpu += cpuSigned - cpu;
                verifyCpu += cpuVerified - cpuSigned;
            }
        }
        Report($"{where}: sign a bundle (ImageSigner.SignAsync)", sign);
        Report($"{where}: verify a bundle (SignatureVerifier.VerifyAsync)", verify);
        Console.WriteLine($"{where}: Hull's own CPU per bundle (all threads): sign {signCpu.TotalMilliseconds / sign.Count:0.000} ms, verify {verifyCpu.TotalMilliseconds / verify.Count:0.000} ms");
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

// A small bundle-like image: one config, one layer, unique per index.
static async Task<Digest> PushBundleAsync(IImageStore store, int index)
{
    var layer = await store.PutBlobAsync(MediaTypes.OciLayer, Encoding.UTF8.GetBytes($"bundle {index} {Guid.NewGuid()}"));
    var config = await store.PutBlobAsync(MediaTypes.OciConfig, OciJson.Serialize(new ImageConfig { RootFs = new RootFs { DiffIds = [layer.Digest.ToString()] } }));
    var manifest = Manifest.From(new ImageManifest { MediaType = MediaTypes.OciManifest, Config = config, Layers = [layer] });
    await store.PutManifestAsync(manifest, $"b{index}");
    return manifest.Digest;
}

static List<double> Time(int runs, Action action)
{
    for (int i = 0; i < Math.Min(runs, 20); i++)
        action();
    var times = new List<double>(runs);
    for (int i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    return times;
}

static void Report(string what, List<double> milliseconds)
{
    milliseconds.Sort();
    double Percentile(double p) => milliseconds[Math.Min(milliseconds.Count - 1, (int)(p * milliseconds.Count))];
    Console.WriteLine($"{what}: median {Percentile(0.5):0.000} ms, p90 {Percentile(0.9):0.000} ms ({milliseconds.Count} runs)");
}
