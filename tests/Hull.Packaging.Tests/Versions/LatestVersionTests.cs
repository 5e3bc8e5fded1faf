using Hull.Packaging.Versions;
using Semver;

namespace Hull.Packaging.Tests.Versions;

public sealed class LatestVersionTests
{
    [Theory]
    [InlineData("1.0.0 1.1.0-rc.1 1.1.0 2.0.0-beta.1", "1.1.0")]
    [InlineData("1.0.0-rc.1 1.0.0-rc.2", "1.0.0-rc.2")]
    [InlineData("", null)]
    public void TheHighestReleaseElseTheHighestPrerelease(string ascending, string? expected)
    {
        var versions = ascending.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => SemVersion.Parse(v, SemVersionStyles.Strict)).ToList();

        Assert.Equal(expected, LatestVersion.Of(versions)?.ToString());
    }
}
