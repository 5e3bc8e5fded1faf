using Hull.Oci.Storage;
using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Images.Resolving;
using Hull.Oci.Registry;
using Hull.Packaging.Cluster;
using Hull.Packaging.Installing;
using Hull.Packaging.Rendering;

namespace Hull.Cli.Commands;

/// <summary>Options of the install commands: where installations go (<c>--target</c>), the namespace, repositories and registry flags.</summary>
public sealed class InstallTargetOptions
{
    /// <summary>`--target`.</summary>
    public Option<string> Target { get; } = new("--target", "-t")
    {
        Description = "Where installations go: dir:PATH (manifests under PATH/<namespace>/<name>/, database in PATH/.hull/) or kapp-controller (the resources 'tanzu package install' creates) (default: $HULL_TARGET or dir:.)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HULL_TARGET") is { Length: > 0 } t ? t : "dir:.",
    };

    /// <summary>`-n`.</summary>
    public Option<string> Namespace { get; } = new("--namespace", "-n") { Description = "The installation's namespace", DefaultValueFactory = _ => "default" };

    /// <summary>`--existing-namespace`.</summary>
    public Option<string[]> ExistingNamespaces { get; } = new("--existing-namespace")
    {
        Description = "Declare a namespace the dir: target's cluster has without any installation (as default and kube-system), repeatable; recorded in the target",
    };

    /// <summary>`--kubeconfig`.</summary>
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "The kapp-controller target's cluster (default: $KUBECONFIG or ~/.kube/config)" };

    /// <summary>Repositories and registry flags.</summary>
    public RepositoryOptions Repositories { get; } = new();

    /// <summary>Whether the target is the cluster's kapp-controller.</summary>
    public bool IsKappController(ParseResult parse) => parse.GetValue(Target) == "kapp-controller";

    /// <summary>Connects to the kapp-controller target's cluster (--kubeconfig, else $KUBECONFIG, else ~/.kube/config); dispose it.</summary>
    public KappControllerCluster Cluster(ParseResult parse) => KappControllerCluster.Connect(parse.GetValue(Kubeconfig));

    /// <summary>Adds the options.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Target);
        command.Options.Add(Namespace);
        command.Options.Add(ExistingNamespaces);
        command.Options.Add(Kubeconfig);
        Repositories.AddTo(command);
    }

    /// <summary>The dir: target's folder; an error for any other target.</summary>
    public string Directory(ParseResult parse)
    {
        string target = parse.GetValue(Target)!;
        if (target.StartsWith("dir:", StringComparison.Ordinal) && target.Length > 4)
        {
            return target[4..];
        }
        throw new InstallException(target == "kapp-controller"
            ? "this command works on dir: targets only; the kapp-controller target reconciles in the cluster"
            : $"--target '{target}': expected dir:PATH or kapp-controller");
    }

    /// <summary>
    /// Opens the dir: target (creating it only when <paramref name="create"/>), recording the namespaces declared with
    /// <c>--existing-namespace</c>; dispose it.
    /// </summary>
    public DirectoryTarget OpenTarget(ParseResult parse, bool create = false)
    {
        var target = DirectoryTarget.Open(Directory(parse), create);
        try
        {
            if (parse.GetValue(ExistingNamespaces) is { Length: > 0 } declared)
            {
                target.DeclareNamespaces(declared);
            }
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>Opens everything a reconcile needs (<paramref name="observe"/> sees each state change; the target is created only when <paramref name="create"/>); dispose the result.</summary>
    public async Task<Session> OpenAsync(ParseResult parse, CancellationToken cancellationToken, Action<Installation>? observe = null, bool create = false)
    {
        Directory(parse);
        var client = new RegistryClient(Repositories.Registry(parse));
        try
        {
            var stores = new ImageStores(client);
            var loaded = await Repositories.LoadAsync(parse, stores, cancellationToken).ConfigureAwait(false);
            var contents = loaded.Select(l => l.Contents).ToList();
            var renderer = new RepositoryPackageRenderer(stores, contents, new PackageRenderer(new StoreDigestResolver(client)), PackageBundleFetcher.DefaultCacheDirectory());
            var target = OpenTarget(parse, create);
            return new Session(client, target, new Installations(target, new Reconciler(target, contents, renderer) { Observe = observe }));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>An open target with the installations service that reconciles into it.</summary>
    public sealed record Session(RegistryClient Client, DirectoryTarget Target, Installations Installations) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose()
        {
            Target.Dispose();
            Client.Dispose();
        }
    }

    /// <summary>Prints installations as <c>kubectl get pkgi</c> does (by namespace and name), then each failure's usefulErrorMessage.</summary>
    public static void WriteTable(TextWriter output, IEnumerable<Installation> installations, DateTimeOffset now, bool withNamespace = false) =>
        WriteFailures(output, WritePkgiTable(output, installations, i => i.Namespace, i => i.Name, i => Row(i, now), withNamespace));

    /// <summary>
    /// Writes the <c>kubectl get pkgi</c> table of <paramref name="items"/> sorted by namespace and name (with a
    /// NAMESPACE column first when <paramref name="withNamespace"/>), and returns them in that order.
    /// </summary>
    public static List<T> WritePkgiTable<T>(TextWriter output, IEnumerable<T> items, Func<T, string> ns, Func<T, string> name, Func<T, string[]> row, bool withNamespace)
    {
        var list = items.OrderBy(ns, StringComparer.Ordinal).ThenBy(name, StringComparer.Ordinal).ToList();
        var table = withNamespace
            ? new TextTable("NAMESPACE", "NAME", "PACKAGE NAME", "PACKAGE VERSION", "DESCRIPTION", "AGE")
            : new TextTable("NAME", "PACKAGE NAME", "PACKAGE VERSION", "DESCRIPTION", "AGE");
        foreach (var item in list)
        {
            string[] cells = row(item);
            table.Add(withNamespace ? cells.Prepend(ns(item)).ToArray() : cells);
        }
        table.WriteTo(output);
        return list;
    }

    /// <summary>A <c>kubectl get pkgi</c> row: NAME, PACKAGE NAME, PACKAGE VERSION, DESCRIPTION, AGE.</summary>
    public static string[] Row(Installation i, DateTimeOffset now) =>
        [i.Name, i.Install.Spec.PackageRef?.RefName ?? "", i.Version ?? i.LastAttemptedVersion ?? "", i.Description, Age(now - i.Created)];

    /// <summary>Each failed installation's usefulErrorMessage, once.</summary>
    public static void WriteFailures(TextWriter output, IEnumerable<Installation> installations)
    {
        foreach (var failed in installations.Where(i => i.Succeeded == false))
        {
            output.WriteLine($"{failed.Key}: {failed.UsefulErrorMessage}");
        }
    }

    /// <summary>
    /// The exit code of a command that reconciled <paramref name="results"/>: success only when every one succeeded;
    /// otherwise an error naming those that did not (their messages are already printed). With
    /// <paramref name="waited"/> (the --wait-timeout, ending at <paramref name="deadline"/>) it says whether time ran out.
    /// </summary>
    public static int Outcome(IReadOnlyList<Installation> results, TimeSpan? waited = null, DateTimeOffset? deadline = null)
    {
        var failed = results.Where(r => r.Succeeded != true).Select(r => r.Key).ToList();
        if (failed.Count == 0)
        {
            return HullApp.Success;
        }
        string count = failed.Count == 1 ? "1 installation" : $"{failed.Count} installations";
        string names = string.Join(", ", failed);
        bool timedOut = waited is not null && deadline is not null && DateTimeOffset.UtcNow >= deadline;
        throw new InstallException(timedOut
            ? $"{count} did not reconcile within --wait-timeout {GoDuration.Format(waited!.Value)}: {names}"
            : $"{count} {(waited is null ? "failed to reconcile" : "cannot progress")}: {names}");
    }

    // kubectl's short ages: 10s, 2m, 1d1h.
    internal static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }
        return age.TotalMinutes < 2 ? $"{(int)age.TotalSeconds}s"
            : age.TotalHours < 3 ? $"{(int)age.TotalMinutes}m"
            : age.TotalDays < 2 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d{age.Hours}h";
    }
}
