using Hull.Packaging.Cluster;
using Hull.Packaging.Installing;

namespace Hull.Cli.Commands;

/// <summary>PackageInstalls read from a cluster, shown as <c>kubectl get pkgi</c> shows them, and the outcome of waiting for them.</summary>
public static class ClusterInstallOutput
{
    /// <summary>A <c>kubectl get pkgi</c> row: NAME, PACKAGE NAME, PACKAGE VERSION, DESCRIPTION, AGE.</summary>
    public static string[] Row(ClusterObject install, DateTimeOffset now) =>
        [install.Name, install.Source, install.Version, install.Description, InstallTargetOptions.Age(now - install.Created)];

    /// <summary>The table (by namespace and name), then each failure's usefulErrorMessage.</summary>
    public static void WriteTable(TextWriter output, IEnumerable<ClusterObject> installs, DateTimeOffset now, bool withNamespace = false) =>
        WriteFailures(output, InstallTargetOptions.WritePkgiTable(output, installs, i => i.Namespace, i => i.Name, i => Row(i, now), withNamespace));

    /// <summary>Each failed installation's usefulErrorMessage.</summary>
    public static void WriteFailures(TextWriter output, IEnumerable<ClusterObject> installs)
    {
        foreach (var failed in installs.Where(i => i.Succeeded == false))
        {
            output.WriteLine($"{failed.Key}: {failed.UsefulErrorMessage}");
        }
    }

    /// <summary>Waits for the installations (and those they create) with rows as <c>kubectl get pkgi --watch</c>; exit code as <see cref="InstallTargetOptions.Outcome"/>.</summary>
    public static async Task<int> WaitAsync(ClusterInstallations installs, TextWriter output, IReadOnlyList<(string Namespace, string Name)> roots, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = new WatchTable(output);
        var deadline = DateTimeOffset.UtcNow + timeout;
        var results = await installs.WaitAsync(roots, deadline, i => watch.Write(i.Key, Row(i, DateTimeOffset.UtcNow), i.Description), cancellationToken).ConfigureAwait(false);
        WriteFailures(output, results);
        var failed = results.Where(r => r.Succeeded != true).Select(r => r.Key).ToList();
        if (failed.Count == 0)
        {
            return HullApp.Success;
        }
        string count = failed.Count == 1 ? "1 installation" : $"{failed.Count} installations";
        throw new InstallException($"{count} did not reconcile within --wait-timeout {GoDuration.Format(timeout)}: {string.Join(", ", failed)}");
    }
}
