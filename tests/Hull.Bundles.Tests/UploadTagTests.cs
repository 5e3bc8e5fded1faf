using Hull.Bundles.Copying;

namespace Hull.Bundles.Tests;

public sealed class UploadTagTests
{
    private const string Digest = "sha256:61cb2e3a8522bfd9d4b6219cb9e382df151ba6d4fcc4c96f870ee4e1cffbbf9c";

    [Fact]
    public void DefaultTagIsDigestWithImgpkgSuffix() =>
        Assert.Equal("sha256-61cb2e3a8522bfd9d4b6219cb9e382df151ba6d4fcc4c96f870ee4e1cffbbf9c.imgpkg", UploadTag.Default(Digest));

    [Fact]
    public void LocationsTag() =>
        Assert.Equal("sha256-61cb2e3a8522bfd9d4b6219cb9e382df151ba6d4fcc4c96f870ee4e1cffbbf9c.image-locations.imgpkg", UploadTag.Locations(Digest));

    // Cases from imgpkg's documented behaviour of --repo-based-tags.
    [Theory]
    [InlineData("index.docker.io/_test-repo/simple-app-test", "_test-repo-simple-app-test")]
    [InlineData("index.docker.io/*-test-repo/simple-app-test", "test-repo-simple-app-test")]
    [InlineData("index.docker.io/.test-repo/simple-app-test", "test-repo-simple-app-test")]
    [InlineData("index.docker.io/test-path/sample-path/verification-path/sample-path/test-repo/test-repo/simple-app-test", "h-sample-path-test-repo-test-repo-simple-app-test")]
    [InlineData("index.docker.io/tes%t-path/sample-path/verific&*ation-path*&^%$/sample-pa(th/test-repo/t)est-repo/simple-app-test", "h-sample-path-test-repo-test-repo-simple-app-test")]
    [InlineData("index.docker.io/test-path/dev-pkg-apiextensions-storageversion-cmd-migratee", "dev-pkg-apiextensions-storageversion-cmd-migratee")]
    [InlineData("index.docker.io/test-path/.dev-pkg-apiextensions-storageversion-cmd-migrate", "dev-pkg-apiextensions-storageversion-cmd-migrate")]
    [InlineData("index.docker.io/test-path/_dev-pkg-apiextensions-storageversion-cmd-migrate", "_dev-pkg-apiextensions-storageversion-cmd-migrate")]
    [InlineData("index.docker.io/test-path/dev-pkg-apiextensions-storageversion-cmd-migrate-test-image", "iextensions-storageversion-cmd-migrate-test-image")]
    [InlineData("index.docker.io/test-path/dev-pkg-ap.extensions-storageversion-cmd-migrate-test-image", "extensions-storageversion-cmd-migrate-test-image")]
    [InlineData("index.docker.io/test-path/dev-pkg-api_extensions-storageversion-cmd-migrate-test-image", "_extensions-storageversion-cmd-migrate-test-image")]
    [InlineData("index.docker.io/test-path/dev-pkg-api-extensions-storageversion-cmd-migrate-test-image", "extensions-storageversion-cmd-migrate-test-image")]
    public void RepoBasedTagsMatchImgpkg(string repo, string expectedPrefix)
    {
        string tag = UploadTag.RepoBased(repo + "@" + Digest, Digest);
        Assert.Equal(expectedPrefix + "-sha256-61cb2e3a8522bfd9d4b6219cb9e382df151ba6d4fcc4c96f870ee4e1cffbbf9c.imgpkg", tag);
        Assert.True(tag.Length <= 128);
    }
}
