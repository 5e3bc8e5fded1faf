using Hull.Oci.Storage;
using System.Diagnostics;
using System.Globalization;
using Hull.Bundles.Images;
using Hull.Oci.Registry;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Versions;

// Usage: Hull.Packaging.Benchmarks REGISTRY [PACKAGES] [VERSIONS] [RUNS]
//   REGISTRY: host:port of a plain-HTTP registry (scripts/lib/registry.sh starts one); PACKAGES x VERSIONS Package
//   documents (default 500 x 5) are released into REGISTRY/bench-repo-<id>, then timed as the CLI runs them:
//   list  = read the repository bundle with a fresh registry client, list names with their latest version
//           (hull package available list --repo REF);
//   release-one = read the repository, add one new version, validate, push as a new tag (hull repo release --from).
// Each operation runs RUNS times (default 5); the first run includes JIT warm-up.
// Hull.Packaging.Benchmarks admission [RESOURCES] [RUNS]: the dir: target's admission checks (AdmissionBenchmark.cs).
if (args is ["admission", ..])
{
    return AdmissionBenchmark.Run(args[1..]);
}
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Hull.Packaging.Benchmarks REGISTRY [PACKAGES] [VERSIONS] [RUNS]");
    return 2;
}
string registry = args[0];
int packages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
int versions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
int runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
string repo = $"{registry}/bench-repo-{Guid.NewGuid():N}";
const string Digest = "sha256:d066eb08e9783196e2348cd8da8e3d735d7e31e2cc076d94ce790ee73ca30cff";

string PackageYaml(int p, string version) => $$"""
    apiVersion: data.packaging.carvel.dev/v1alpha1
    kind: Package
    metadata:
      name: pkg{{p}}.bench.corp.com.{{version}}
    spec:
      refName: pkg{{p}}.bench.corp.com
      version: {{version}}
      releasedAt: "2026-11-30T12:00:00Z"
      licenses: [Apache 2.0]
      valuesSchema:
        openAPIv3:
          type: object
          additionalProperties: false
          properties:
            domain: {type: string, default: "", description: The wildcard domain}
            replicas: {type: integer, default: 2}
            aws:
              type: object
              properties:
                region: {type: string, default: eu-west-1}
      template:
        spec:
          fetch:
          - imgpkgBundle:
              image: registry.corp/bench/pkg{{p}}@{{Digest}}
          template:
          - ytt:
              paths:
              - config/
          - kbld:
              paths:
              - '-'
              - .imgpkg/images.yml
          deploy:
          - kapp: {}
    """;

string MetadataYaml(int p) => $"""
    apiVersion: data.packaging.carvel.dev/v1alpha1
    kind: PackageMetadata
    metadata:
      name: pkg{p}.bench.corp.com
    spec:
      displayName: Package {p}
      shortDescription: Benchmark package number {p}
    """;

var sw = Stopwatch.StartNew();
var builder = new RepositoryBuilder();
for (int p = 0; p < packages; p++)
{
    builder.AddFile(MetadataYaml(p), $"pkg{p}/metadata.yml");
    for (int v = 0; v < versions; v++)
    {
        builder.AddFile(PackageYaml(p, $"1.{v}.0"), $"pkg{p}/1.{v}.0.yml");
    }
}
string folder = Path.Combine(Path.GetTempPath(), $"hull-bench-repo-{Guid.NewGuid():N}");
var files = await builder.WriteAsync(folder, CancellationToken.None);
Console.WriteLine($"generated {files.Count} files ({files.Sum(f => (long)f.Text.Length) / 1024} KiB) in {sw.Elapsed.TotalMilliseconds:F0} ms");

var options = new RegistryOptions { Insecure = true };
using (var client = new RegistryClient(options))
{
    sw.Restart();
    var first = await RepositoryPublisher.PublishAsync(new ImageStores(client), builder, Locations.Parse(repo + ":1", "-b"), new ObjectMeta(), _ => { }, CancellationToken.None);
    Console.WriteLine($"initial release (all {packages * versions} versions): {sw.Elapsed.TotalMilliseconds:F0} ms -> {first.Push.DigestReference}");
}

async Task<double> Time(Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    await action();
    return watch.Elapsed.TotalMilliseconds;
}

var folderList = new List<double>();
var registryList = new List<double>();
var releaseOne = new List<double>();
for (int run = 0; run < runs; run++)
{
    folderList.Add(await Time(async () =>
    {
        var contents = await RepositoryReader.ReadDirectoryAsync(folder, CancellationToken.None);
        Check(contents);
    }));
    registryList.Add(await Time(async () =>
    {
        using var client = new RegistryClient(options);
        var contents = await RepositoryReader.ReadBundleAsync(new ImageStores(client), Locations.Parse(repo + ":1", "--repo"), CancellationToken.None);
        Check(contents);
    }));
    releaseOne.Add(await Time(async () =>
    {
        using var client = new RegistryClient(options);
        var stores = new ImageStores(client);
        var existing = await RepositoryReader.ReadBundleAsync(stores, Locations.Parse(repo + ":1", "--repo"), CancellationToken.None);
        var next = new RepositoryBuilder().AddExisting(existing).AddFile(PackageYaml(0, $"2.{run}.0"), "new.yml");
        await RepositoryPublisher.PublishAsync(stores, next, Locations.Parse($"{repo}:release-{run}", "-b"), new ObjectMeta(), _ => { }, CancellationToken.None);
    }));
}

void Check(RepositoryContents contents)
{
    if (contents.PackageNames.Count != packages)
    {
        throw new InvalidOperationException($"expected {packages} packages, read {contents.PackageNames.Count}");
    }
    // What 'available list' computes: each package's latest version.
    foreach (string name in contents.PackageNames)
    {
        _ = contents.Select(name, new VersionSelection(">=0.0.0"));
    }
}

string Row(string what, List<double> times) =>
    $"{what}: first {times[0]:F0} ms, median of the rest {Median(times.Skip(1).ToList()):F0} ms (runs: {string.Join(", ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))})";

static double Median(List<double> values)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }
    values.Sort();
    return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
}

Console.WriteLine(Row("list (folder)", folderList));
Console.WriteLine(Row("list (registry bundle)", registryList));
Console.WriteLine(Row("release one new version", releaseOne));
Directory.Delete(folder, recursive: true);
return 0;
