using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Hull.Cli;

/// <summary>The tree of `hull` commands. A command is registered here only once it does real work.</summary>
public static class HullCommands
{
    /// <summary>`--debug`: show stack traces of failures.</summary>
    public static Option<bool> Debug { get; } = new("--debug")
    {
        Description = "Show the full stack trace of a failure",
        Recursive = true,
    };

    /// <summary>Builds the root command with every working subcommand.</summary>
    public static Command CreateRoot()
    {
        // RootCommand would take its name and version from the entry assembly, which is the test host under tests.
        var root = new Command(
            "hull",
            "Hull: package Kubernetes configuration and images, publish them to OCI registries in channels, and install them. Compatible with Carvel's ytt, kbld, imgpkg and kapp-controller.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new Option<bool>("--version")
        {
            Description = "Show version information",
            Arity = ArgumentArity.Zero,
            Action = new PrintVersion(),
        });
        root.Options.Add(Debug);
        root.Subcommands.Add(Commands.BundleCommand.Create());
        root.Subcommands.Add(Commands.FmtCommand.Create());
        root.Subcommands.Add(Commands.ResolveCommand.Create());
        root.Subcommands.Add(Commands.RepoCommand.Create());
        root.Subcommands.Add(Commands.PackageCommand.Create());
        root.Subcommands.Add(Commands.ReconcileCommand.Create());
        root.Subcommands.Add(Commands.TemplateCommand.Create());
        return root;
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(HullApp.Version);
            return HullApp.Success;
        }
    }
}
