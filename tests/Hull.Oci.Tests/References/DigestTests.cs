using System.Text;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Oci.Tests.References;

public sealed class DigestTests
{
    [Fact]
    public void ComputesSha256()
    {
        var digest = Digest.Compute(Encoding.UTF8.GetBytes("hello"));
        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", digest.ToString());
        Assert.Equal(digest, Digest.Parse(digest.ToString()));
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData(":abc")]
    [InlineData("sha256:")]
    [InlineData("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b982")]
    [InlineData("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b982g")]
    [InlineData("sha1:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c")]
    public void RejectsMalformed(string text)
    {
        Assert.False(Digest.TryParse(text, out _));
        Assert.Throws<ReferenceFormatException>(() => Digest.Parse(text));
    }

    [Fact]
    public void AcceptsSha512()
    {
        string text = "sha512:" + new string('a', 128);
        Assert.Equal("sha512", Digest.Parse(text).Algorithm);
    }

    [Fact]
    public async Task VerifyingStreamPassesMatchingContent()
    {
        byte[] content = TestImages.Bytes("ok", 100_000);
        var descriptor = Descriptor.For(MediaTypes.OciLayer, content);
        await using var stream = new VerifyingStream(new MemoryStream(content), descriptor, "test");
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task VerifyingStreamDetectsTamperedContent()
    {
        byte[] content = TestImages.Bytes("ok", 1000);
        var descriptor = Descriptor.For(MediaTypes.OciLayer, content);
        content[10] ^= 1;
        await using var stream = new VerifyingStream(new MemoryStream(content), descriptor, "blob X");
        var e = await Assert.ThrowsAsync<DigestMismatchException>(() => stream.CopyToAsync(Stream.Null));
        Assert.Contains("blob X", e.Message);
        Assert.Contains(descriptor.Digest.ToString(), e.Message);
        Assert.Contains(Digest.Compute(content).ToString(), e.Message);
    }

    [Fact]
    public async Task VerifyingStreamDetectsWrongSize()
    {
        byte[] content = TestImages.Bytes("ok", 1000);
        var descriptor = Descriptor.For(MediaTypes.OciLayer, content) with { Size = 999 };
        await using var stream = new VerifyingStream(new MemoryStream(content), descriptor, "blob");
        await Assert.ThrowsAsync<DigestMismatchException>(() => stream.CopyToAsync(Stream.Null));
    }
}
