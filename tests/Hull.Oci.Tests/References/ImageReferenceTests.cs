using Hull.Oci.References;

namespace Hull.Oci.Tests.References;

public sealed class ImageReferenceTests
{
    private const string Hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("nginx", "index.docker.io", "library/nginx", "latest", null)]
    [InlineData("nginx:1.25", "index.docker.io", "library/nginx", "1.25", null)]
    [InlineData("docker.io/nginx", "index.docker.io", "library/nginx", "latest", null)]
    [InlineData("docker.io/library/nginx:1.25-alpine", "index.docker.io", "library/nginx", "1.25-alpine", null)]
    [InlineData("index.docker.io/user/app", "index.docker.io", "user/app", "latest", null)]
    [InlineData("registry-1.docker.io/user/app", "index.docker.io", "user/app", "latest", null)]
    [InlineData("user/app:v1", "index.docker.io", "user/app", "v1", null)]
    [InlineData("localhost/app", "localhost", "app", "latest", null)]
    [InlineData("localhost:5000/a/b/c:t_1", "localhost:5000", "a/b/c", "t_1", null)]
    [InlineData("127.0.0.1:5000/app@sha256:" + Hex, "127.0.0.1:5000", "app", null, "sha256:" + Hex)]
    [InlineData("gcr.io/proj/img:tag@sha256:" + Hex, "gcr.io", "proj/img", "tag", "sha256:" + Hex)]
    [InlineData("[::1]:5000/app:v", "[::1]:5000", "app", "v", null)]
    [InlineData("Registry.Example.com/app", "Registry.Example.com", "app", "latest", null)]
    [InlineData("example.com/a.b_c__d-e---f/g", "example.com", "a.b_c__d-e---f/g", "latest", null)]
    [InlineData("example.com:443/app", "example.com:443", "app", "latest", null)]
    public void Normalises(string text, string registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);
        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.RepositoryPath);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest?.ToString());
        Assert.Equal(digest ?? tag, reference.Identifier);
        Assert.Equal(reference, ImageReference.Parse(reference.ToString()));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("example.com/UPPER", "lowercase")]
    [InlineData("app:", "empty tag")]
    [InlineData("app@sha256:abc", "invalid digest")]
    [InlineData("app@md5:" + Hex, "invalid digest")]
    [InlineData("app@sha256:" + "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", "invalid digest")]
    [InlineData("a//b", "empty path component")]
    [InlineData("-a", "must start and end")]
    [InlineData("a-", "must start and end")]
    [InlineData("a___b", "separators")]
    [InlineData("a..b", "separators")]
    [InlineData("a.-b", "separators")]
    [InlineData("host:abc/app", "invalid port")]
    [InlineData("host:99999/app", "invalid port")]
    [InlineData("app:tag:x", "invalid character")]
    [InlineData("app:-tag", "invalid tag")]
    [InlineData("a b", "whitespace")]
    [InlineData("example.com/", "empty")]
    [InlineData("-bad-.com/app", "host name")]
    public void RejectsInvalid(string text, string why)
    {
        var e = Assert.Throws<ReferenceFormatException>(() => ImageReference.Parse(text));
        Assert.Contains(why, e.Message);
        Assert.StartsWith("invalid", e.Message);
    }

    [Fact]
    public void RejectsOverlongTag()
    {
        Assert.Throws<ReferenceFormatException>(() => ImageReference.Parse("app:" + new string('a', 129)));
        Assert.Equal(128, ImageReference.Parse("app:" + new string('a', 128)).Tag!.Length);
    }

    [Fact]
    public void WithTagAndDigestKeepTheRepository()
    {
        var reference = ImageReference.Parse("localhost:5000/app:v1");
        var digest = Digest.Parse("sha256:" + Hex);
        Assert.Equal("localhost:5000/app@sha256:" + Hex, reference.WithDigest(digest).ToString());
        Assert.Equal("localhost:5000/app:v2", reference.WithTag("v2").ToString());
        Assert.Equal("localhost:5000/other:v1", reference.WithRepository("other").ToString());
        Assert.Equal("localhost:5000/app", reference.Name);
    }

    [Theory]
    [InlineData("oci:/tmp/layout:tag", "/tmp/layout", "tag", null)]
    [InlineData("oci:/tmp/layout", "/tmp/layout", null, null)]
    [InlineData("oci:rel/dir:v1.0", "rel/dir", "v1.0", null)]
    [InlineData("oci:./dir@sha256:" + Hex, "./dir", null, "sha256:" + Hex)]
    public void ParsesLayoutLocations(string text, string path, string? tag, string? digest)
    {
        var location = Assert.IsType<LayoutReference>(ImageLocation.Parse(text));
        Assert.Equal(path, location.Path);
        Assert.Equal(tag, location.Tag);
        Assert.Equal(digest, location.Digest?.ToString());
        Assert.Equal(text, location.ToString());
    }

    [Theory]
    [InlineData("oci:")]
    [InlineData("oci::tag")]
    [InlineData("oci:/x@sha256:abc")]
    public void RejectsInvalidLayoutLocations(string text) =>
        Assert.Throws<ReferenceFormatException>(() => ImageLocation.Parse(text));

    [Fact]
    public void DockerTransportPrefixIsARegistryReference()
    {
        var location = Assert.IsType<ImageReference>(ImageLocation.Parse("docker://localhost:5000/app:v1"));
        Assert.Equal("localhost:5000/app:v1", location.ToString());
    }
}
