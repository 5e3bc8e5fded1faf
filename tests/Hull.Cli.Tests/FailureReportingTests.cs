using Hull.Failures;
using Hull.Packaging.Installing;
using Hull.Packaging.Versions;

namespace Hull.Cli.Tests;

/// <summary>Which failures <c>hull</c> prints as the user's (<c>hull: error:</c>) and which as its own bugs (<c>hull: internal error:</c>).</summary>
public sealed class FailureReportingTests
{
    public static TheoryData<Exception> Expected => new()
    {
        new InstallException("conflict"),
        new VersionRangeException("version constraint 'x': 'x' is not a semantic version"),
        new HullException("invalid duration"),
        new FileNotFoundException("no such file"),
        new DirectoryNotFoundException("no such folder"),
        new UnauthorizedAccessException("permission denied"),
        new HttpRequestException("connection refused"),
        new TimeoutException("no response headers within 30 s"),
        new AggregateException(new IOException("disk full"), new InstallException("conflict")),
    };

    public static TheoryData<Exception> Bugs => new()
    {
        new InvalidOperationException("unexpected statement"),
        new NullReferenceException(),
        new ArgumentOutOfRangeException("location"),
        new FormatException("bad"),
        new AggregateException(new IOException("disk full"), new KeyNotFoundException()),
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void TheUsersFailuresAreExpected(Exception failure) => Assert.True(HullApp.IsExpected(failure));

    [Theory]
    [MemberData(nameof(Bugs))]
    public void AnythingElseIsABug(Exception failure) => Assert.False(HullApp.IsExpected(failure));
}
