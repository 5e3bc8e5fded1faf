using System.Text;
using Hull.Bundles.Locks;

namespace Hull.Bundles.Tests;

public sealed class LockYamlTests
{
    private const string Ref = "127.0.0.1:5000/app@sha256:4c8b96d4fffdfae29258d94a22ae4ad1fe36139d47288b8960d9958d1e63a9d0";

    [Fact]
    public void ImagesLockIsWrittenAsImgpkgDoes()
    {
        var imagesLock = new ImagesLock
        {
            Images = [new ImagesLockEntry(Ref, new Dictionary<string, string> { ["x"] = "*wild", ["kbld.carvel.dev/id"] = "nginx:1.0", ["flag"] = "true" })],
        };
        Assert.Equal(
            $"---\napiVersion: imgpkg.carvel.dev/v1alpha1\nimages:\n- annotations:\n    flag: \"true\"\n    kbld.carvel.dev/id: nginx:1.0\n    x: '*wild'\n  image: {Ref}\nkind: ImagesLock\n",
            Encoding.UTF8.GetString(LockYaml.Emit(imagesLock)));
    }

    [Fact]
    public void AnnotationKeysSortInGoYamlOrder()
    {
        // go-yaml compares digit runs as numbers and puts non-letters first, unlike an ordinal sort.
        var annotations = new Dictionary<string, string> { ["a10"] = "1", ["a9"] = "2", ["aB"] = "3", ["a_b"] = "4" };
        var text = Encoding.UTF8.GetString(LockYaml.Emit(new ImagesLock { Images = [new ImagesLockEntry(Ref, annotations)] }));
        Assert.Contains("- annotations:\n    a_b: \"4\"\n    a9: \"2\"\n    a10: \"1\"\n    aB: \"3\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyImagesLockOmitsImages() =>
        Assert.Equal("---\napiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\n", Encoding.UTF8.GetString(LockYaml.Emit(new ImagesLock())));

    [Fact]
    public void BundleLockKeysAreAlphabetical() =>
        Assert.Equal(
            $"---\napiVersion: imgpkg.carvel.dev/v1alpha1\nbundle:\n  image: {Ref}\n  tag: v1.0.0\nkind: BundleLock\n",
            Encoding.UTF8.GetString(LockYaml.Emit(new BundleLock(Ref, "v1.0.0"))));

    [Fact]
    public void ImageLocationsRoundTrip()
    {
        var locations = new ImageLocations([new ImageLocationEntry(Ref, true)]);
        byte[] bytes = LockYaml.Emit(locations);
        Assert.Equal($"---\napiVersion: imgpkg.carvel.dev/v1alpha1\nimages:\n- image: {Ref}\n  isBundle: true\nkind: ImageLocations\n", Encoding.UTF8.GetString(bytes));
        Assert.Equal(locations.Images, LockYaml.ParseImageLocations(bytes, "x").Images);
    }

    [Fact]
    public void ParsesWhatItWrites()
    {
        var imagesLock = new ImagesLock { Images = [new ImagesLockEntry(Ref, new Dictionary<string, string> { ["a"] = "b" })] };
        var parsed = LockYaml.ParseImagesLock(LockYaml.Emit(imagesLock), "images.yml");
        Assert.Equal(Ref, parsed.Images[0].Image);
        Assert.Equal("b", parsed.Images[0].Annotations!["a"]);
    }

    [Fact]
    public void NonDigestImagesAreRejected()
    {
        var ex = Assert.Throws<BundleException>(() => LockYaml.ParseImagesLock("apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\nimages:\n- image: nginx:v1\n"u8.ToArray(), "images.yml"));
        Assert.Contains("Expected ref to be in digest form, got 'nginx:v1'", ex.Message);
        Assert.StartsWith("images.yml", ex.Message);
    }

    [Fact]
    public void UnknownKeysAreRejected()
    {
        var ex = Assert.Throws<BundleException>(() => LockYaml.ParseBundleLock("apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: BundleLock\nanother-key: invalid\n"u8.ToArray(), "lock.yml"));
        Assert.Contains("unknown field \"another-key\"", ex.Message);
    }

    [Fact]
    public void WrongKindIsRejected()
    {
        var ex = Assert.Throws<BundleException>(() => LockYaml.ParseImagesLock("apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: Bundle\n"u8.ToArray(), "images.yml"));
        Assert.Contains("Unknown kind (known: ImagesLock)", ex.Message);
    }

    [Fact]
    public void LockFileIsEitherKind()
    {
        Assert.NotNull(LockYaml.ParseLockFile(Encoding.UTF8.GetBytes($"apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: BundleLock\nbundle:\n  image: {Ref}\n  tag: v1\n"), "l").BundleLock);
        Assert.NotNull(LockYaml.ParseLockFile("apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\n"u8.ToArray(), "l").ImagesLock);
    }

    [Fact]
    public void BundleMetadataParses()
    {
        var metadata = LockYaml.ParseBundleMetadata("apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: Bundle\nmetadata:\n  name: my-app\nauthors:\n- name: blah\n  email: blah@blah.com\nwebsites:\n- url: blah.com\n"u8.ToArray(), "bundle.yml");
        Assert.Equal("my-app", metadata.Metadata["name"]);
        Assert.Equal("blah@blah.com", metadata.Authors[0].Email);
        Assert.Equal("blah.com", metadata.Websites[0]);
    }
}
