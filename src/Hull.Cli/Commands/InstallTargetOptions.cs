using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Images.Resolving;
using Hull.Oci.Registry;
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

    /// <summary>Repositories and registry flags.</summary>
    public RepositoryOptions Repositories { get; } = new();

    /// <summary>Adds the options.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Target);
        command.Options.Add(Namespace);
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
            ? "the kapp-controller target is reconciled in the cluster: use kubectl get pkgi there (hull applies or, with --dry-run, prints what 'tanzu package install' creates)"
            : $"--target '{target}': expected dir:PATH or kapp-controller");
    }

    /// <summary>Opens everything a reconcile needs (creating the target only when <paramref name="create"/>); dispose the result.</summary>
    public async Task<Session> OpenAsync(ParseResult parse, CancellationToken cancellationToken, bool create = false)
    {
        string dir = Directory(parse);
        var client = new RegistryClient(Repositories.Registry(parse));
        try
        {
            var stores = new StoreResolver(client);
            var loaded = await Repositories.LoadAsync(parse, stores, cancellationToken).ConfigureAwait(false);
            var contents = loaded.Select(l => l.Contents).ToList();
            var renderer = new RepositoryPackageRenderer(stores, contents, new PackageRenderer(new StoreDigestResolver(client)), PackageBundleFetcher.DefaultCacheDirectory());
            var target = DirectoryTarget.Open(dir, create);
            return new Session(client, target, new Reconciler(target, contents, renderer), renderer);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>An open target with its reconciler.</summary>
    public sealed record Session(RegistryClient Client, DirectoryTarget Target, Reconciler Reconciler, RepositoryPackageRenderer Renderer) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose()
        {
            Target.Dispose();
            Client.Dispose();
        }
    }

    /// <summary>Fails (after the command did what it could) when some install records could not be read.</summary>
    public static void ReportUnreadable(DirectoryTarget target)
    {
        if (target.Unreadable.Count > 0)
        {
            throw new InstallException($"{target.Unreadable.Count} install record(s) could not be read and were skipped: {string.Join("; ", target.Unreadable)}");
        }
    }

    /// <summary>Prints installations as <c>kubectl get pkgi</c> does, then each failure's usefulErrorMessage.</summary>
    public static void WriteTable(TextWriter output, IEnumerable<Installation> installations, DateTimeOffset now, bool withNamespace = false)
    {
        var list = installations.ToList();
        var table = withNamespace
            ? new TextTable("NAMESPACE", "NAME", "PACKAGE NAME", "PACKAGE VERSION", "DESCRIPTION", "AGE")
            : new TextTable("NAME", "PACKAGE NAME", "PACKAGE VERSION", "DESCRIPTION", "AGE");
        foreach (var i in list)
        {
            string[] cells = [i.Name, i.Install.Spec.PackageRef?.RefName ?? "", i.Version ?? i.LastAttemptedVersion ?? "", i.Description, Age(now - i.Created)];
            table.Add(withNamespace ? cells.Prepend(i.Namespace).ToArray() : cells);
        }
        table.WriteTo(output);
        foreach (var failed in list.Where(i => i.Succeeded == false))
        {
            output.WriteLine($"{failed.Key}: {failed.UsefulErrorMessage}");
        }
    }

    // kubectl's short ages: 10s, 2m, 1d1h.
    private static string Age(TimeSpan age)
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
