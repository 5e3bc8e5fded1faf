// Times ImageCopier on ../shared/bench/image-workload.py images: registry to registry (bytes moved, no mount),
// the same with cross-repository mounts, a second copy to the same destination (every blob a HEAD hit), and
// registry to OCI layout and back.
// usage: Hull.Oci.Benchmarks [IMAGES LAYERS LAYER_KIB [RUNS]]   (registry from HULL_TEST_REGISTRY)
using System.Diagnostics;
using Hull.Oci.Copying;
using Hull.Oci.Layout;
using Hull.Oci.References;
using Hull.Oci.Registry;

int images = args.Length > 0 ? int.Parse(args[0]) : 10;
int layers = args.Length > 1 ? int.Parse(args[1]) : 3;
int kib = args.Length > 2 ? int.Parse(args[2]) : 2048;
int runs = args.Length > 3 ? int.Parse(args[3]) : 3;
string registry = Environment.GetEnvironmentVariable("HULL_TEST_REGISTRY")
    ?? throw new InvalidOperationException("set HULL_TEST_REGISTRY=host:port (source scripts/lib/registry.sh; start_registry)");

string root = FindRepoRoot();
string work = Directory.CreateTempSubdirectory("hull-oci-bench-").FullName;
try
{
    var generate = Process.Start("python3", [Path.Combine(root, "..", "shared", "bench", "image-workload.py"), $"{images}", $"{layers}", $"{kib}", work])!;
    await generate.WaitForExitAsync();
    if (generate.ExitCode != 0)
        throw new InvalidOperationException("image-workload.py failed");
    var layout = OciLayout.Open(Path.Combine(work, "layout"));
    string run = Guid.NewGuid().ToString("N")[..8];
    var tags = await layout.ListTagsAsync();

    using (var setup = new RegistryClient())
    {
        var loader = new ImageCopier(8);
        await Task.WhenAll(tags.Select(tag => loader.CopyAsync(layout, tag, setup.Repository(ImageReference.Parse($"{registry}/bench-{run}/src:{tag}")), tag)));
    }
    Console.WriteLine($"workload: {images} images x {layers} layers x {kib} KiB, registry {registry}");

    var toLayout = new List<double>();
    var fromLayout = new List<double>();
    var fresh = new List<double>();
    var mounted = new List<double>();
    var again = new List<double>();
    for (int i = 0; i < runs; i++)
    {
        string dest = $"{registry}/bench-{run}/dst-{i}";
        // Separate clients: the copier cannot mount across clients, so every byte moves through Hull.
        using var source = new RegistryClient();
        using var target = new RegistryClient();
        var (seconds, stats) = await Copy(source, target, tags, $"{registry}/bench-{run}/src", dest);
        fresh.Add(seconds);
        Console.WriteLine($"registry->registry run {i}: {seconds:0.000} s ({stats})");
        var (secondsAgain, statsAgain) = await Copy(source, target, tags, $"{registry}/bench-{run}/src", dest);
        again.Add(secondsAgain);
        Console.WriteLine($"second copy to the same destination run {i}: {secondsAgain:0.000} s ({statsAgain})");
        using (var client = new RegistryClient())
        {
            var copier = new ImageCopier(8);
            var outLayout = OciLayout.OpenOrCreate(Path.Combine(work, $"out-{i}"));
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(tags.Select(tag => copier.CopyAsync(client.Repository(ImageReference.Parse($"{registry}/bench-{run}/src")), tag, outLayout, tag)));
            toLayout.Add(watch.Elapsed.TotalSeconds);
            Console.WriteLine($"registry->layout run {i}: {watch.Elapsed.TotalSeconds:0.000} s ({copier.Statistics})");
            copier = new ImageCopier(8);
            watch.Restart();
            await Task.WhenAll(tags.Select(tag => copier.CopyAsync(outLayout, tag, client.Repository(ImageReference.Parse($"{registry}/bench-{run}/lay-{i}")), tag)));
            fromLayout.Add(watch.Elapsed.TotalSeconds);
            Console.WriteLine($"layout->registry run {i}: {watch.Elapsed.TotalSeconds:0.000} s ({copier.Statistics})");
        }
        using var shared = new RegistryClient();
        var (secondsMount, statsMount) = await Copy(shared, shared, tags, $"{registry}/bench-{run}/src", $"{registry}/bench-{run}/mnt-{i}");
        mounted.Add(secondsMount);
        Console.WriteLine($"registry->registry with mounts run {i}: {secondsMount:0.000} s ({statsMount})");
    }
    Console.WriteLine($"median registry->registry: {Median(fresh):0.000} s");
    Console.WriteLine($"median second copy (all HEAD hits): {Median(again):0.000} s");
    Console.WriteLine($"median registry->registry with mounts: {Median(mounted):0.000} s");
    Console.WriteLine($"median registry->layout: {Median(toLayout):0.000} s");
    Console.WriteLine($"median layout->registry: {Median(fromLayout):0.000} s");
}
finally
{
    Directory.Delete(work, recursive: true);
}

static async Task<(double, CopyStatistics)> Copy(RegistryClient source, RegistryClient target, IReadOnlyList<string> tags, string from, string to)
{
    var copier = new ImageCopier(int.TryParse(Environment.GetEnvironmentVariable("HULL_BENCH_CONCURRENCY"), out int c) ? c : 8);
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(tags.Select(tag => copier.CopyAsync(source.Repository(ImageReference.Parse(from)), tag,
        target.Repository(ImageReference.Parse(to)), tag)));
    return (watch.Elapsed.TotalSeconds, copier.Statistics);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Hull.sln")))
            return dir.FullName;
    }
    throw new InvalidOperationException("Hull.sln not found");
}
