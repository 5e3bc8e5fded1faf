using Hull.Oci.Storage;
using Hull.Bundles.Images;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;

namespace Hull.Bundles.Tests.Integration;

/// <summary>
/// Test images made by ../shared/bench/image-workload.py and loaded with skopeo, plus an index of two of them, and
/// two bundle directories: an inner bundle using two images, and an outer one using the inner bundle, the index and
/// a third image.
/// </summary>
public sealed class Workload : IDisposable
{
    public Workload()
    {
        Dir = Directory.CreateTempSubdirectory("hull-bundles-workload-").FullName;
        SourceRepo = TestRegistry.Unique("bundles-src");
        string repoPath = SourceRepo;
        var (code, _, err) = TestRegistry.Run("python3", Path.Combine(TestRegistry.RepoRoot(), "..", "shared", "bench", "image-workload.py"), "3", "2", "64", Path.Combine(Dir, "wl"), repoPath);
        Assert.True(code == 0, err);
        for (int i = 0; i < 3; i++)
        {
            var (c, _, e) = TestRegistry.Run("skopeo", "copy", "-q", "--dest-tls-verify=false", $"oci:{Path.Combine(Dir, "wl", "layout")}:img-{i}", $"docker://{repoPath}/img-{i}:latest");
            Assert.True(c == 0, e);
        }
        Client = new RegistryClient();
        Stores = new ImageStores(Client);
        Images = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var reference = ImageReference.Parse($"{repoPath}/img-{i}:latest");
            var d = Client.ResolveAsync(reference).GetAwaiter().GetResult();
            Images.Add($"{reference.Name}@{d.Digest}");
        }

        // An index of img-0 and img-1 as two platforms, so copies must carry every platform.
        var indexRef = ImageReference.Parse($"{repoPath}/multi:latest");
        var repo = Client.Repository(indexRef);
        var children = Images.Take(2).Select((img, k) =>
        {
            var d = Client.ResolveAsync(ImageReference.Parse(img)).GetAwaiter().GetResult();
            return d with { Platform = new Platform { Os = "linux", Architecture = k == 0 ? "amd64" : "arm64" } };
        }).ToList();
        // Children of an index must live in the index's repository.
        foreach (var img in Images.Take(2))
        {
            var manifest = Client.GetManifestAsync(ImageReference.Parse(img)).GetAwaiter().GetResult();
            new Hull.Oci.Copying.ImageCopier().CopyManifestAsync(Client.Repository(ImageReference.Parse(img)), manifest, repo, null).GetAwaiter().GetResult();
        }
        var index = Manifest.From(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = children });
        repo.PutManifestAsync(index, "latest").GetAwaiter().GetResult();
        Index = $"{indexRef.Name}@{index.Digest}";

        Inner = Path.Combine(Dir, "inner");
        WriteBundle(Inner, [Images[0], Images[1]], "inner: true\n");
    }

    public string Dir { get; }

    public string SourceRepo { get; }

    public RegistryClient Client { get; }

    public ImageStores Stores { get; }

    public List<string> Images { get; }

    public string Index { get; }

    public string Inner { get; }

    public static void WriteBundle(string dir, IEnumerable<string> images, string config)
    {
        Directory.CreateDirectory(Path.Combine(dir, ".imgpkg"));
        Directory.CreateDirectory(Path.Combine(dir, "config", "nested"));
        File.WriteAllText(Path.Combine(dir, "config", "values.yml"), config);
        File.WriteAllText(Path.Combine(dir, "config", "nested", "run.sh"), "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(Path.Combine(dir, "config", "nested", "run.sh"), (UnixFileMode)0b111_101_101);
        File.WriteAllBytes(Path.Combine(dir, "config", "binary.dat"), Enumerable.Range(0, 70000).Select(i => (byte)(i * 7)).ToArray());
        var sb = new System.Text.StringBuilder("---\napiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\nimages:\n");
        foreach (string image in images)
        {
            sb.Append($"- image: {image}\n  annotations:\n    kbld.carvel.dev/id: {image.Split('@')[0]}\n");
        }
        File.WriteAllText(Path.Combine(dir, ".imgpkg", "images.yml"), sb.ToString());
    }

    public void Dispose()
    {
        Client.Dispose();
        Directory.Delete(Dir, recursive: true);
    }
}
