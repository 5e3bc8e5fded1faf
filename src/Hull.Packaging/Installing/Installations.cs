namespace Hull.Packaging.Installing;

/// <summary>
/// The installations of a dir: target, as tanzu's <c>package install</c> and <c>package installed</c> commands treat
/// them: install, list, get, update, kick, delete. An installation another one's output created is changed or
/// deleted through that parent. Operations that reconcile need the <paramref name="reconciler"/>.
/// </summary>
public sealed class Installations(DirectoryTarget target, Reconciler? reconciler = null)
{
    /// <summary>The target.</summary>
    public DirectoryTarget Target => target;

    private Reconciler Reconciler => reconciler ?? throw new InvalidOperationException("this operation reconciles: create the Installations with a Reconciler");

    /// <summary>The installations of <paramref name="ns"/> (every namespace when null).</summary>
    public IReadOnlyList<Installation> List(string? ns) => target.List().Where(i => ns is null || i.Namespace == ns).ToList();

    /// <summary>Installation <paramref name="ns"/>/<paramref name="name"/>, or an error naming those installed.</summary>
    public Installation Get(string ns, string name) =>
        target.Find(ns, name) ?? throw new InstallException($"installation {ns}/{name} not found in dir:{target.Root}{(target.List() is { Count: > 0 } all ? $" (installed: {string.Join(", ", all.Select(i => i.Key))})" : "")}");

    /// <summary>Fails (after the command did what it could) when some install records could not be read.</summary>
    public void ReportUnreadable()
    {
        if (target.Unreadable.Count > 0)
        {
            throw new InstallException($"{target.Unreadable.Count} install record(s) could not be read and were skipped: {string.Join("; ", target.Unreadable)}");
        }
    }

    /// <summary>
    /// Installs <paramref name="request"/> and what its output installs; it must not exist yet, and its namespace must
    /// (unless the request creates it). With <paramref name="untilDone"/> waiting ones are retried until <paramref name="deadline"/>.
    /// </summary>
    public async Task<IReadOnlyList<Installation>> InstallAsync(InstallRequest request, DateTimeOffset created, bool untilDone, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var installation = KappControllerManifests.ToInstallation(request.Manifests(), created, request.CreateNamespace ? request.Namespace : null);
        string ns = request.Namespace;
        if (target.Find(ns, request.Name) is { } existing)
        {
            throw new InstallException(existing.Parent is null
                ? $"installation {ns}/{request.Name} already exists; change it with 'hull package installed update {request.Name}{(ns == "default" ? "" : $" -n {ns}")}'"
                : $"installation {ns}/{request.Name} already exists, installed by {existing.Parent}; change that installation's values ('hull package installed update {existing.Parent[(existing.Parent.IndexOf('/', StringComparison.Ordinal) + 1)..]} -f VALUES')");
        }
        if (!request.CreateNamespace && !ClusterState.Of(target).HasNamespace(ns))
        {
            throw new InstallException($"namespaces \"{ns}\" not found in dir:{target.Root}: give --create-namespace, or declare it as existing with --existing-namespace {ns}");
        }
        return await Reconciler.ReconcileTreeAsync([installation], untilDone, deadline, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Installation <paramref name="ns"/>/<paramref name="name"/> to update: one the user installed, not one another installation created.</summary>
    public Installation GetUpdatable(string ns, string name)
    {
        var installation = Get(ns, name);
        if (installation.Parent is not null)
        {
            throw new InstallException($"{installation.Key} is installed by {installation.Parent}; change that installation's values instead");
        }
        return installation;
    }

    /// <summary>
    /// <paramref name="installation"/> with <paramref name="change"/> applied: the new version selection, the new values
    /// in the values Secret the install creates (the old values replaced).
    /// </summary>
    public static Installation Changed(Installation installation, InstallChange change)
    {
        var install = installation.Install;
        if (change.Constraints is { } constraints)
        {
            var selection = install.Spec.PackageRef?.VersionSelection ?? new Resources.SemverSelection();
            install = install with { Spec = install.Spec with { PackageRef = install.Spec.PackageRef! with { VersionSelection = selection with { Constraints = constraints } } } };
        }
        var values = installation.Values;
        if (change.ValuesSecret(installation.Name, installation.Namespace) is { } secret)
        {
            values = [secret];
            install = install with { Spec = install.Spec with { Values = [new Resources.PackageInstallValues { SecretRef = new Resources.ValuesSecretRef { Name = secret.Metadata.Name } }] } };
        }
        return installation with { Install = install, Values = values };
    }

    /// <summary>What reconciling <paramref name="updated"/> would change in its folder (see <see cref="Reconciler.PreviewAsync"/>); nothing is written.</summary>
    public Task<IReadOnlyList<(string Path, string? Old, string? New)>> PreviewAsync(Installation updated, CancellationToken cancellationToken) =>
        Reconciler.PreviewAsync(updated, cancellationToken);

    /// <summary>Reconciles <paramref name="installation"/> (as changed, or as is for a kick) and the installations it creates, now.</summary>
    public Task<IReadOnlyList<Installation>> ReconcileAsync(Installation installation, CancellationToken cancellationToken) =>
        Reconciler.ReconcileTreeAsync([installation], false, DateTimeOffset.UtcNow, cancellationToken);

    /// <summary>
    /// Reconciles every installation that has not succeeded (every one with <paramref name="all"/>) in dependency order,
    /// as kapp-controller's periodic sync does (see <see cref="Reconciler.ReconcileTreeAsync"/>).
    /// </summary>
    public Task<IReadOnlyList<Installation>> ReconcilePendingAsync(bool all, bool untilDone, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        Reconciler.ReconcileTreeAsync(Reconciler.Order(target.List().Where(i => all || i.Succeeded != true).ToList()), untilDone, deadline, cancellationToken);

    /// <summary>
    /// Deletes installation <paramref name="ns"/>/<paramref name="name"/> (one the user installed) and, first, what it
    /// created (see <see cref="Uninstaller"/>); <paramref name="deleted"/> is told each one, in order.
    /// </summary>
    public void Delete(string ns, string name, Action<Installation>? deleted)
    {
        var installation = Get(ns, name);
        if (installation.Parent is not null)
        {
            throw new InstallException($"{installation.Key} is installed by {installation.Parent}; delete that one");
        }
        Uninstaller.Uninstall(target, installation, deleted);
    }

    /// <summary>The contents of the values Secrets <paramref name="installation"/>'s PackageInstall names (the keys it names), in order.</summary>
    public IReadOnlyList<string> ValuesTexts(Installation installation)
    {
        var texts = new List<string>();
        foreach (var reference in installation.Install.Spec.Values ?? [])
        {
            string secretName = reference.SecretRef?.Name ?? "";
            var secret = installation.Values.FirstOrDefault(s => s.Metadata.Name == secretName) ?? target.FindSecret(installation.Namespace, secretName)
                ?? throw InstalledValues.MissingSecret(installation.Key, installation.Namespace, secretName);
            texts.AddRange(secret.Contents().Where(kv => reference.SecretRef!.Key is null || reference.SecretRef.Key == kv.Key).Select(kv => kv.Value));
        }
        return texts;
    }
}
