using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Hull.Cli;

/// <summary>
/// The tree of `hull` commands. A command is registered here only once it does real work.
/// Subcommands are built lazily: an invocation that names one (`hull template …`) builds only that subcommand's tree,
/// so start-up does not pay for every command's options; anything else (root help, a typo) builds them all.
/// </summary>
public static class HullCommands
{
    /// <summary>`--debug`: show stack traces of failures.</summary>
    public static Option<bool> Debug { get; } = new("--debug")
    {
        Description = "Show the full stack trace of a failure",
        Recursive = true,
    };

    // Every top-level subcommand: its name (the first word after `hull`) and the factory that builds its whole tree.
    // Root help lists them in this order. To add a command, add one line here.
    private static readonly (string Name, Func<Command> Create)[] Subcommands =
    [
        ("bundle", Commands.BundleCommand.Create),
        ("fmt", Commands.FmtCommand.Create),
        ("key", Commands.KeyCommand.Create),
        ("resolve", () => Commands.ResolveCommand.Create()),
        ("repo", Commands.RepoCommand.Create),
        ("package", Commands.PackageCommand.Create),
        ("reconcile", Commands.ReconcileCommand.Create),
        ("template", Commands.TemplateCommand.Create),
    ];

    /// <summary>Builds the root command with every working subcommand.</summary>
    public static Command CreateRoot() => CreateRoot([]);

    /// <summary>
    /// Builds the root command for parsing <paramref name="args"/>: when the first word that is not an option names a
    /// subcommand, only that subcommand is built (no other is reachable from it); otherwise all are.
    /// </summary>
    public static Command CreateRoot(IReadOnlyList<string> args)
    {
        // RootCommand would take its name and version from the entry assembly, which is the test host under tests.
        var root = new Command(
            "hull",
            "Hull: package Kubernetes configuration and images, publish them to OCI registries in channels, and install them. Compatible with Carvel's ytt, kbld, imgpkg and kapp-controller.");
        string? named = args.FirstOrDefault(a => !a.StartsWith('-'));
        bool one = Subcommands.Any(s => s.Name == named);
        // HelpOption loads System.CommandLine's resources (a ResourceManager, a sizeable share of a small render's
        // start-up): added only when help can be asked for, since without a help token it can match nothing.
        if (!one || args.Any(AsksForHelp))
        {
            root.Options.Add(new HelpOption());
        }
        root.Options.Add(new Option<bool>("--version")
        {
            Description = "Show version information",
            Arity = ArgumentArity.Zero,
            Action = new PrintVersion(),
        });
        root.Options.Add(Debug);
        foreach (var (name, create) in Subcommands)
        {
            if (!one || name == named)
            {
                root.Subcommands.Add(create());
            }
        }
        return root;
    }

    // System.CommandLine's help tokens (-h, --help, -?, /h, /?), also inside a bundle of short options such as -sh.
    private static bool AsksForHelp(string arg) =>
        arg is "--help" or "/h" or "/?" || (arg.Length >= 2 && arg[0] == '-' && arg[1] != '-' && (arg.Contains('h') || arg.Contains('?')));

    /// <summary>Prints the version: what `hull --version` (and `ytt version` through the persona) answers.</summary>
    public static int WriteVersion(TextWriter output)
    {
        output.WriteLine(HullApp.Version);
        return HullApp.Success;
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult) => WriteVersion(parseResult.InvocationConfiguration.Output);
    }
}
