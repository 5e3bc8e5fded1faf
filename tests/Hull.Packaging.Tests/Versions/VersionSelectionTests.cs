using Hull.Packaging.Versions;
using Semver;

namespace Hull.Packaging.Tests.Versions;

public sealed class VersionSelectionTests
{
    private static readonly string[] Available = ["0.9.0", "0.9.5", "1.0.0", "1.2.0-rc.1", "1.2.0", "1.17.1", "2.0.0-beta.1", "2.0.0", "not-semver"];

    [Theory]
    [InlineData("1.17.1", "1.17.1")]
    [InlineData(">=1.0.0 <2.0.0", "1.17.1")]
    [InlineData(">= 1.0.0 < 1.2.0", "1.0.0")]
    [InlineData(">1.0.0 || 0.9.x", "2.0.0")]
    [InlineData("0.9.x", "0.9.5")]
    [InlineData("1.x", "1.17.1")]
    [InlineData("<1.0.0", "0.9.5")]
    [InlineData("<=1.2.x", "1.2.0")]
    [InlineData(">1.2.x <2.0.0", "1.17.1")]
    [InlineData("!=2.0.0", "1.17.1")]
    [InlineData("!=2.x", "1.17.1")]
    [InlineData("=1.0.0", "1.0.0")]
    public void SelectsTheHighestMatch(string constraints, string expected)
    {
        Assert.Equal(expected, new VersionSelection(constraints).Select(Available).ToString());
    }

    [Fact]
    public void PrereleasesAreExcludedUnlessAsked()
    {
        Assert.Equal("1.17.1", new VersionSelection("<2.0.0").Select(Available).ToString());
        Assert.Equal("2.0.0-beta.1", new VersionSelection("<2.0.0", new PrereleaseSelection([])).Select(Available).ToString());
        Assert.Equal("1.17.1", new VersionSelection("<2.0.0", new PrereleaseSelection(["rc"])).Select(Available).ToString());
        Assert.Equal("1.2.0-rc.1", new VersionSelection(">1.0.0 <1.2.0", new PrereleaseSelection(["rc"])).Select(Available).ToString());
    }

    [Fact]
    public void NoMatchListsWhatIsAvailable()
    {
        var ex = Assert.Throws<VersionSelectionException>(() => new VersionSelection(">=3.0.0").Select(Available));
        Assert.Contains("'>=3.0.0'", ex.Message);
        Assert.Contains("0.9.0, 0.9.5, 1.0.0, 1.2.0, 1.17.1, 2.0.0", ex.Message.Replace("1.2.0-rc.1, ", "").Replace("2.0.0-beta.1, ", ""));
    }

    [Theory]
    [InlineData("")]
    [InlineData(">=banana")]
    [InlineData("~>1.0")]
    [InlineData("1.0.0 ||")]
    [InlineData("x.1.0")]
    public void RejectsMalformedConstraints(string constraints)
    {
        Assert.Throws<VersionRangeException>(() => VersionRange.Parse(constraints));
    }

    [Fact]
    public void RangeContainsIsPrecedenceBased()
    {
        Assert.True(VersionRange.Parse("1.0.0").Contains(SemVersion.Parse("1.0.0+build.5")));
    }
}
