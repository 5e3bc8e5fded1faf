using Hull.Failures;
using System.CommandLine;

namespace Hull.Cli.Commands;

/// <summary>`hull bundle`: imgpkg-compatible bundles (push, pull, copy, describe, tag).</summary>
public static class BundleCommand
{
    /// <summary>Builds the `bundle` command tree.</summary>
    public static Command Create()
    {
        var bundle = new Command("bundle", "Store files and the images they use as imgpkg bundles in OCI registries or OCI layouts (oci:PATH:TAG)");
        bundle.Subcommands.Add(BundlePushCommand.Create());
        bundle.Subcommands.Add(BundlePullCommand.Create());
        bundle.Subcommands.Add(BundleCopyCommand.Create());
        bundle.Subcommands.Add(BundleDescribeCommand.Create());
        bundle.Subcommands.Add(BundleTagCommand.Create());
        bundle.Subcommands.Add(BundleVerifyCommand.Create());
        return bundle;
    }

    /// <summary>Splits imgpkg-style multi-value flags: repeated, or comma-separated within one value.</summary>
    internal static List<string> Split(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();

    /// <summary>Checks that exactly one of the named flags was given.</summary>
    internal static void ExactlyOne(string what, params (string Flag, bool Given)[] flags)
    {
        int given = flags.Count(f => f.Given);
        if (given != 1)
        {
            throw new BundleUsageException($"{what}: expected exactly one of {string.Join(", ", flags.Select(f => f.Flag))}{(given > 1 ? " (several were given)" : "")}");
        }
    }
}

/// <summary>A flag combination that cannot work; reported as a one-line error.</summary>
public sealed class BundleUsageException(string message) : HullException(message);
