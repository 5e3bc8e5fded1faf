using System.CommandLine;
using System.CommandLine.Parsing;
using Hull.Failures;

namespace Hull.Cli;

/// <summary>The `hull` command line: parses arguments, runs the chosen command and maps failures to exit codes.</summary>
public static class HullApp
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for a command that ran and failed.</summary>
    public const int Failure = 1;

    /// <summary>Exit code for a usage mistake (unknown command or flag, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>The version printed by `hull --version` ($(Version) of the build, written by Hull.Cli.csproj).</summary>
    public const string Version = BuildInfo.Version;

    /// <summary>Runs `hull` with the given arguments, writing to the given streams.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // `hull --version` (and `ytt version`) answers before any command tree exists.
        if (args is ["--version"])
        {
            return HullCommands.WriteVersion(stdout);
        }
        var root = HullCommands.CreateRoot(args);
        PhaseTrace.Mark("command tree");
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        // ytt's `@lib:` values start with `@`: they are arguments, not response files.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        bool debug = parse.GetValue(HullCommands.Debug);
        PhaseTrace.Mark("parse");

        if (parse.Errors.Count > 0 && !IsHelpOrVersion(parse))
        {
            stderr.WriteLine($"hull: {MostSpecificError(parse)}");
            stderr.WriteLine();
            string[] helpArgs = [.. CommandPath(parse.CommandResult), "--help"];
            var help = HullCommands.CreateRoot(helpArgs).Parse(helpArgs);
            await help.InvokeAsync(new InvocationConfiguration { Output = stderr, Error = stderr }, cancellationToken).ConfigureAwait(false);
            return Usage;
        }

        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("hull: cancelled");
            return Failure;
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            // A user's mistake or a failing registry is not a crash: one readable line, the trace only on request.
            stderr.WriteLine($"hull: error: {ErrorText.Describe(ex)}");
            if (debug)
            {
                stderr.WriteLine(ex.ToString());
            }
            return Failure;
        }
        catch (Exception ex)
        {
            // Anything else is a bug in Hull: say so, with what is needed to find it.
            stderr.WriteLine($"hull: internal error: {ErrorText.Describe(ex)}");
            stderr.WriteLine(ex.ToString());
            stderr.WriteLine("This is a bug in hull, not a mistake of yours: please report it with the command you ran and the text above.");
            return Failure;
        }
    }

    /// <summary>
    /// Whether <paramref name="ex"/> is a failure the user can act on: a <see cref="HullException"/>, or the
    /// environment failing in a way they can fix (their files and folders, an unreachable or silent registry or cluster).
    /// </summary>
    public static bool IsExpected(Exception ex) => ex switch
    {
        HullException or IOException or UnauthorizedAccessException or HttpRequestException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsExpected),
        _ => false,
    };

    // An unknown word explains a missing-subcommand error too, so name it first.
    private static string MostSpecificError(ParseResult parse) =>
        parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains(t, StringComparison.Ordinal)))?.Message
        ?? parse.Errors[0].Message;

    private static bool IsHelpOrVersion(ParseResult parse) =>
        parse.Tokens.Any(t => t.Value is "--help" or "-h" or "-?" or "--version");

    private static IEnumerable<string> CommandPath(CommandResult result)
    {
        var names = new Stack<string>();
        for (SymbolResult? r = result; r is CommandResult c && c.Parent is not null; r = c.Parent)
        {
            names.Push(c.Command.Name);
        }
        return names;
    }
}
