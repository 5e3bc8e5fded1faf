using System.CommandLine;
using Hull.Packaging.Cluster;
using Hull.Packaging.Installing;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.App;

namespace Hull.Cli.Commands;

/// <summary>
/// `hull repo add|list|remove --target kapp-controller`: PackageRepositories in the cluster, as
/// <c>tanzu package repository</c> manages them, instead of the local list of named repositories.
/// </summary>
public sealed class ClusterRepositoryOptions
{
    /// <summary>`--target`.</summary>
    public Option<string?> Target { get; } = new("--target", "-t") { Description = "kapp-controller: the PackageRepositories of the cluster (default: Hull's local list of named repositories)" };

    /// <summary>`-n`.</summary>
    public Option<string> Namespace { get; } = new("--namespace", "-n") { Description = "kapp-controller target: the PackageRepository's namespace (kapp-controller-packaging-global: every namespace sees its packages)", DefaultValueFactory = _ => "default" };

    /// <summary>`--kubeconfig`.</summary>
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "kapp-controller target: the cluster (default: $KUBECONFIG or ~/.kube/config)" };

    /// <summary>`--wait`.</summary>
    public Option<bool> Wait { get; } = new("--wait") { Description = "kapp-controller target: wait until the repository is reconciled (add) or gone (remove)" };

    /// <summary>`--wait-timeout`.</summary>
    public Option<TimeSpan?> WaitTimeout { get; } = GoDuration.Option("--wait-timeout", "How long --wait keeps trying", TimeSpan.FromMinutes(5));

    /// <summary>Adds the options (<paramref name="wait"/>: also --wait and --wait-timeout).</summary>
    public void AddTo(Command command, bool wait = true)
    {
        Target.AcceptOnlyFromAmong("kapp-controller");
        command.Options.Add(Target);
        command.Options.Add(Namespace);
        command.Options.Add(Kubeconfig);
        if (wait)
        {
            command.Options.Add(Wait);
            command.Options.Add(WaitTimeout);
        }
    }

    /// <summary>Whether the command works on the cluster.</summary>
    public bool InCluster(ParseResult parse) => parse.GetValue(Target) == "kapp-controller";

    /// <summary>`repo add NAME IMAGE --target kapp-controller`: applies the PackageRepository, then optionally waits for its reconcile.</summary>
    public async Task<int> AddAsync(ParseResult parse, string name, string location, CancellationToken cancellationToken)
    {
        string ns = parse.GetValue(Namespace)!;
        if (KubernetesName.Problem(ns, name) is { } problem)
        {
            throw new InstallException($"PackageRepository {ns}/{name}: {problem}");
        }
        if (location.StartsWith("oci:", StringComparison.Ordinal) || Directory.Exists(location) || location.StartsWith('.') || location.StartsWith('/'))
        {
            throw new InstallException($"'{location}' is local to this machine: kapp-controller fetches repositories from a registry (give REGISTRY/REPOSITORY:TAG)");
        }
        var repository = new PackageRepository
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns },
            Spec = new PackageRepositorySpec { Fetch = new PackageRepositoryFetch { ImgpkgBundle = new AppFetchImgpkgBundle { Image = location } } },
        };
        using var cluster = KappControllerCluster.Connect(parse.GetValue(Kubeconfig));
        await cluster.ApplyAsync([repository], cancellationToken).ConfigureAwait(false);
        var output = parse.InvocationConfiguration.Output;
        output.WriteLine($"Applied PackageRepository {ns}/{name} ({location})");
        if (!parse.GetValue(Wait))
        {
            return HullApp.Success;
        }
        var timeout = parse.GetValue(WaitTimeout) ?? TimeSpan.FromMinutes(5);
        var state = await cluster.WaitRepositoryAsync(ns, name, DateTimeOffset.UtcNow + timeout, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"{state.Key}: {state.Description}");
        return state.Succeeded switch
        {
            true => HullApp.Success,
            false => throw new InstallException($"PackageRepository {state.Key}: {state.UsefulErrorMessage}"),
            null => throw new InstallException($"PackageRepository {state.Key} did not reconcile within --wait-timeout {GoDuration.Format(timeout)} ({state.Description})"),
        };
    }

    /// <summary>`repo list --target kapp-controller [-A]`: NAME, SOURCE, STATUS as tanzu prints them, then each failure's message.</summary>
    public async Task<int> ListAsync(ParseResult parse, string ns, bool allNamespaces, CancellationToken cancellationToken)
    {
        using var cluster = KappControllerCluster.Connect(parse.GetValue(Kubeconfig));
        var repositories = (await cluster.ListRepositoriesAsync(allNamespaces ? null : ns, cancellationToken).ConfigureAwait(false))
            .OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var table = allNamespaces ? new TextTable("NAMESPACE", "NAME", "SOURCE", "STATUS") : new TextTable("NAME", "SOURCE", "STATUS");
        foreach (var r in repositories)
        {
            string source = $"(imgpkg) {r.Source}";
            table.Add(allNamespaces ? [r.Namespace, r.Name, source, r.Description] : [r.Name, source, r.Description]);
        }
        var output = parse.InvocationConfiguration.Output;
        table.WriteTo(output);
        foreach (var failed in repositories.Where(r => r.Succeeded == false))
        {
            output.WriteLine($"{failed.Key}: {failed.UsefulErrorMessage}");
        }
        return HullApp.Success;
    }

    /// <summary>`repo remove NAME --target kapp-controller`: deletes the PackageRepository (with --wait, until it is gone).</summary>
    public async Task<int> RemoveAsync(ParseResult parse, string name, CancellationToken cancellationToken)
    {
        string ns = parse.GetValue(Namespace)!;
        using var cluster = KappControllerCluster.Connect(parse.GetValue(Kubeconfig));
        var deadline = parse.GetValue(Wait) ? DateTimeOffset.UtcNow + (parse.GetValue(WaitTimeout) ?? TimeSpan.FromMinutes(5)) : DateTimeOffset.MinValue;
        if (!parse.GetValue(Wait))
        {
            if (!await cluster.Api.DeleteAsync(ResourcePath.For("packaging.carvel.dev/v1alpha1", "PackageRepository", ns, name), cancellationToken).ConfigureAwait(false))
            {
                throw new InstallException($"PackageRepository {ns}/{name} not found");
            }
        }
        else if (!await cluster.DeleteRepositoryAsync(ns, name, deadline, cancellationToken).ConfigureAwait(false))
        {
            throw new InstallException($"PackageRepository {ns}/{name} not found");
        }
        parse.InvocationConfiguration.Output.WriteLine($"Removed PackageRepository {ns}/{name}");
        return HullApp.Success;
    }
}
