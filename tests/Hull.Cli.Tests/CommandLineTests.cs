using Hull.Cli;

namespace Hull.Cli.Tests;

public sealed class CommandLineTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await HullApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task VersionPrintsTheVersion()
    {
        var (code, output, _) = await Run("--version");
        Assert.Equal(0, code);
        Assert.Equal(HullApp.Version, output.Trim());
    }

    [Fact]
    public async Task HelpDescribesHull()
    {
        var (code, output, _) = await Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("Usage:", output);
        Assert.Contains("hull", output);
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("--no-such-flag")]
    public async Task UnknownInputIsAUsageError(string arg)
    {
        var (code, _, err) = await Run(arg);
        Assert.Equal(2, code);
        Assert.StartsWith("hull: ", err);
        Assert.Contains(arg, err.Split('\n')[0]);
        Assert.Contains("Usage:", err);
        Assert.DoesNotContain("   at ", err);
    }
}
