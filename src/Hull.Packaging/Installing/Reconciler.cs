using System.Security.Cryptography;
using System.Text;
using Hull.Packaging.Admission;
using Hull.Packaging.Rendering;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Packaging.Versions;
using Hull.Yaml;

namespace Hull.Packaging.Installing;

/// <summary>
/// kapp-controller's PackageInstall reconcile, in-process, into a <see cref="DirectoryTarget"/>: select the Package
/// from the repositories, fetch its bundle by digest (a relocated copy first), validate the values against its
/// valuesSchema, template it (ytt with the values and the package's defaults, kbld with the bundle's ImagesLock),
/// then deploy. PackageInstalls in the output are installed too (their values Secrets come from the same output).
/// Before deploying it checks what a cluster checks (<see cref="ClusterState"/>): the service account, the namespaces,
/// the CRDs. A failure is recorded in the installation's status and leaves its deployed files untouched.
/// </summary>
public sealed class Reconciler(DirectoryTarget target, IReadOnlyList<RepositoryContents> repositories, RepositoryPackageRenderer renderer)
{
    // Renders by installation, package version and values: an installation put back to wait is not templated again.
    private readonly Dictionary<string, Plan> _plans = new(StringComparer.Ordinal);

    /// <summary>The clock for status times.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Told each state an installation takes, as <c>kubectl get pkgi --watch</c> shows them: <c>Reconciling</c> when it
    /// is queued, then <c>Reconcile succeeded</c> or <c>Reconcile failed</c>.
    /// </summary>
    public Action<Installation>? Observe { get; init; }

    /// <summary>Reconciles one installation and records the outcome; returns the recorded installation.</summary>
    public async Task<Installation> ReconcileAsync(Installation installation, CancellationToken cancellationToken) =>
        (await AttemptAsync(installation, mayWait: false, cancellationToken).ConfigureAwait(false))!;

    // One reconcile. With mayWait, an installation that waits for something another one may still create (a CRD, a
    // namespace, a service account, a values Secret) is not recorded as failed: null, to be queued again.
    private async Task<Installation?> AttemptAsync(Installation installation, bool mayWait, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        RepositoryPackage? package = null;
        IReadOnlyList<string>? provides = null;
        try
        {
            package = PackageSelection.Select(repositories, installation.Install);
            var values = Values(installation);
            var problems = ValuesSchemaValidator.Validate(package.Package.Spec.ValuesSchema?.OpenAPIv3, values);
            if (problems.Count > 0)
            {
                throw new InstallException($"values do not match the values schema of {package.RefName} {package.Version}: {string.Join("; ", problems)}");
            }
            var plan = await PlanAsync(installation, package, values, cancellationToken).ConfigureAwait(false);
            provides = plan.Provides;
            var admission = new ApiServerAdmission(
                plan.Documents.Where(d => d.Find("kind")?.Value as string == "CustomResourceDefinition"),
                target.InstalledCustomResourceDefinitions);
            var files = Scoped(plan.Files, admission);
            CheckCluster(installation, files, plan.Provides);
            Admit(package, files, plan.Documents, admission);
            var deployed = target.Deploy(installation with
            {
                Version = package.Version.ToString(),
                LastAttemptedVersion = package.Version.ToString(),
                Bundle = plan.Bundle,
                ValuesDigest = plan.ValuesDigest,
                Provides = provides,
                Succeeded = true,
                UsefulErrorMessage = null,
                LastAttempt = now,
            }, files);
            SyncChildren(deployed, plan.Rendered, now);
            Observe?.Invoke(deployed);
            return deployed;
        }
        catch (InstallException ex) when (mayWait && ex.WaitsForDependency)
        {
            return null;
        }
        catch (Exception ex) when (ex is InstallException or PackageRenderException or RepositoryException or VersionSelectionException or Hull.Bundles.BundleException or Hull.Oci.OciException)
        {
            // What is deployed stays as it was, and so does its record of it: only the status changes.
            var deployed = target.Find(installation.Namespace, installation.Name);
            var failed = installation with
            {
                Version = deployed?.Version,
                Bundle = deployed?.Bundle,
                ValuesDigest = deployed?.ValuesDigest,
                Resources = deployed?.Resources ?? [],
                Files = deployed?.Files ?? [],
                // What the attempt would provide is kept so retries can put providers first (see Order).
                Provides = provides ?? deployed?.Provides ?? [],
                Succeeded = false,
                UsefulErrorMessage = ex.Message.ReplaceLineEndings(" "),
                LastAttemptedVersion = package?.Version.ToString() ?? installation.LastAttemptedVersion,
                LastAttempt = now,
            };
            target.Save(failed);
            Observe?.Invoke(failed);
            return failed;
        }
    }

    /// <summary>
    /// What reconciling <paramref name="installation"/> would change in its folder, without writing anything: each
    /// file (path relative to the target) with its current and its new text (null when absent), equal ones left out.
    /// </summary>
    public async Task<IReadOnlyList<(string Path, string? Old, string? New)>> PreviewAsync(Installation installation, CancellationToken cancellationToken)
    {
        var package = PackageSelection.Select(repositories, installation.Install);
        var values = Values(installation);
        var problems = ValuesSchemaValidator.Validate(package.Package.Spec.ValuesSchema?.OpenAPIv3, values);
        if (problems.Count > 0)
        {
            throw new InstallException($"values do not match the values schema of {package.RefName} {package.Version}: {string.Join("; ", problems)}");
        }
        var plan = await PlanAsync(installation, package, values, cancellationToken).ConfigureAwait(false);
        string dir = $"{installation.Namespace}/{installation.Name}";
        var admission = new ApiServerAdmission(plan.Documents.Where(d => d.Find("kind")?.Value as string == "CustomResourceDefinition"), target.InstalledCustomResourceDefinitions);
        var wanted = Scoped(plan.Files, admission).ToDictionary(f => $"{dir}/{f.FileName}", f => f.Text, StringComparer.Ordinal);
        var current = target.Find(installation.Namespace, installation.Name)?.Files ?? [];
        var changes = new List<(string, string?, string?)>();
        foreach (string path in current.Union(wanted.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            string full = Path.Combine(target.Root, path);
            string? old = current.Contains(path, StringComparer.Ordinal) && File.Exists(full) ? await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false) : null;
            string? updated = wanted.GetValueOrDefault(path);
            if (old != updated)
            {
                changes.Add((path, old, updated));
            }
        }
        return changes;
    }

    private sealed record Plan(string Bundle, string ValuesDigest, RenderedPackage Rendered, IReadOnlyList<TargetFile> Files, IReadOnlyList<Map> Documents, IReadOnlyList<string> Provides);

    private async Task<Plan> PlanAsync(Installation installation, RepositoryPackage package, IReadOnlyList<PackageValues> values, CancellationToken cancellationToken)
    {
        string valuesDigest = Digest(values);
        string key = $"{installation.Key}\n{package.RefName}\n{package.Version}\n{valuesDigest}";
        if (_plans.TryGetValue(key, out var cached))
        {
            return cached;
        }
        string bundle = await renderer.LocateAsync(package, cancellationToken).ConfigureAwait(false);
        var rendered = await renderer.RenderAsync(package, values, new AppIdentity(installation.Name, installation.Namespace), cancellationToken).ConfigureAwait(false);
        var files = Files(installation, rendered);
        CheckChildNames(installation, rendered);
        var provides = rendered.Documents.Select(d => d.Value as Map).Where(m => m is not null && ResourceKey.Of(m, "").Kind == "CustomResourceDefinition")
            .Select(m => CrdName(m!)).Where(n => n is not null).Select(n => n!).ToList();
        var fetched = await renderer.FetchAsync(package, cancellationToken).ConfigureAwait(false);
        var documents = rendered.Documents.Select(d => (Map)d.Value!).ToList();
        var plan = new Plan(fetched.DigestReference ?? bundle, valuesDigest, rendered, files, documents, provides);
        _plans[key] = plan;
        return plan;
    }

    /// <summary>
    /// Reconciles <paramref name="roots"/> and every installation they create, parents before children, in dependency
    /// order: one that waits for a CRD, a namespace, a service account or a values Secret that another installation
    /// may still create stays <c>Reconciling</c> and is tried again after the others, until nothing more can progress
    /// (it then fails saying what it waits for) or, with <paramref name="untilDone"/>, <paramref name="deadline"/>
    /// passes. Returns the outcomes in the order they were reached.
    /// </summary>
    public async Task<IReadOnlyList<Installation>> ReconcileTreeAsync(IReadOnlyList<Installation> roots, bool untilDone, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, Installation>(StringComparer.Ordinal);
        var order = new List<string>();
        var queued = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<Installation>();
        void Enqueue(Installation installation)
        {
            if (queued.Add(installation.Key))
            {
                queue.Enqueue(installation);
                Observe?.Invoke(installation with { Succeeded = null });
            }
        }
        foreach (var root in roots)
        {
            Enqueue(root);
        }
        var waiting = new List<Installation>();
        bool progressed = false, final = false;
        while (true)
        {
            while (queue.Count > 0)
            {
                var next = queue.Dequeue();
                var result = await AttemptAsync(next, mayWait: !final, cancellationToken).ConfigureAwait(false);
                if (result is null)
                {
                    waiting.Add(next);
                    continue;
                }
                if (results.TryAdd(result.Key, result))
                {
                    order.Add(result.Key);
                }
                progressed |= result.Succeeded == true;
                foreach (var child in target.List().Where(i => i.Parent == result.Key))
                {
                    Enqueue(child);
                }
            }
            if (waiting.Count == 0)
            {
                break;
            }
            // Nothing succeeded since they were put back (or time is up): a last attempt each records what they wait for.
            final = !progressed || (untilDone && Clock.GetUtcNow() >= deadline);
            progressed = false;
            foreach (var retry in InstallOrder.ProvidersFirst(waiting))
            {
                queue.Enqueue(retry);
            }
            waiting.Clear();
        }
        return order.Select(k => results[k]).ToList();
    }

    /// <summary>Installations in dependency order (see <see cref="InstallOrder.ProvidersFirst"/>).</summary>
    public static IReadOnlyList<Installation> Order(IReadOnlyList<Installation> installations) => InstallOrder.ProvidersFirst(installations);

    private List<PackageValues> Values(Installation installation)
    {
        var values = new List<PackageValues>();
        foreach (var reference in installation.Install.Spec.Values ?? [])
        {
            string name = reference.SecretRef?.Name ?? "";
            var secret = installation.Values.FirstOrDefault(s => s.Metadata.Name == name)
                ?? target.FindSecret(installation.Namespace, name)
                ?? throw InstallException.Waiting($"values Secret '{installation.Namespace}/{name}' does not exist (yet)");
            foreach (var (key, text) in secret.Contents())
            {
                if (reference.SecretRef!.Key is null || reference.SecretRef.Key == key)
                {
                    values.Add(new PackageValues($"secret {name} {key}", text));
                }
            }
        }
        return values;
    }

    private static List<TargetFile> Files(Installation installation, RenderedPackage rendered)
    {
        var files = new List<TargetFile>();
        var names = new Dictionary<string, ResourceKey>(StringComparer.Ordinal);
        foreach (var document in rendered.Documents)
        {
            if (document.Value is not Map map)
            {
                throw new InstallException("rendered output holds a document that is not a resource (a map with apiVersion and kind)");
            }
            var key = ResourceKey.Of(map, installation.Namespace);
            string file = key.FileName();
            if (names.TryGetValue(file, out var twice))
            {
                throw new InstallException($"rendered output holds {key} twice");
            }
            names[file] = key;
            files.Add(new TargetFile(key, file, YamlEmitter.Emit(map)));
        }
        return files;
    }

    // The server ignores metadata.namespace on cluster-scoped kinds (kapp creates them without one), so their keys and
    // file names have none: the scope is the server's for its kinds, the CRD's for custom ones, found per attempt (a
    // CRD another installation deploys may have arrived since the plan was made).
    private static List<TargetFile> Scoped(IReadOnlyList<TargetFile> files, ApiServerAdmission admission)
    {
        var scoped = new List<TargetFile>(files.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var result = file;
            if (file.Key.Namespace.Length > 0 && admission.Namespaced(file.Key.ApiVersion, file.Key.Kind) == false)
            {
                var key = file.Key with { Namespace = "" };
                result = file with { Key = key, FileName = key.FileName() };
            }
            if (!names.Add(result.FileName))
            {
                throw new InstallException($"rendered output holds {result.Key} twice");
            }
            scoped.Add(result);
        }
        return scoped;
    }

    // The PackageInstalls a package renders become installations (folders and records): their names and namespaces
    // must be Kubernetes names before anything is deployed, as the API server would refuse them.
    private static void CheckChildNames(Installation installation, RenderedPackage rendered)
    {
        foreach (var child in rendered.Resources.OfType<PackageInstall>())
        {
            if (KubernetesName.Problem(child.Metadata.Namespace ?? installation.Namespace, child.Metadata.Name ?? "") is { } problem)
            {
                throw new InstallException($"rendered output holds PackageInstall {child.Metadata.Namespace ?? installation.Namespace}/{child.Metadata.Name}: {problem}");
            }
        }
    }

    // What kapp-controller and the API server check before the installation's resources exist: its service account
    // (kapp-controller deploys with it), the namespace of each namespaced resource, and the CustomResourceDefinition
    // of each custom resource (kapp: "resource type not found"). Another installation may still create each of them.
    private void CheckCluster(Installation installation, IReadOnlyList<TargetFile> files, IReadOnlyList<string> provides)
    {
        var state = ClusterState.Of(target);
        state.AddResources(installation.CreatedResources);
        string? serviceAccount = installation.Install.Spec.ServiceAccountName;
        if (string.IsNullOrEmpty(serviceAccount) && installation.Install.Spec.Cluster is null)
        {
            throw new InstallException("Expected service account or cluster specified (spec.serviceAccountName)");
        }
        if (!string.IsNullOrEmpty(serviceAccount) && !state.HasServiceAccount(installation.Namespace, serviceAccount))
        {
            throw InstallException.Waiting($"Preparing kapp: Getting service account: serviceaccounts \"{serviceAccount}\" not found (namespace {installation.Namespace})");
        }
        var output = new ClusterState();
        output.AddResources(files.Select(f => f.Key));
        var missingNamespaces = files.Select(f => f.Key)
            .Where(k => k.Namespace.Length > 0 && !state.HasNamespace(k.Namespace) && !output.HasNamespace(k.Namespace))
            .GroupBy(k => k.Namespace, StringComparer.Ordinal)
            .Select(g => g.First())
            .Select(k => $"kapp: Error: Creating resource {k.Kind.ToLowerInvariant()}/{k.Name} ({k.ApiVersion}) namespace: {k.Namespace}: API server says: namespaces \"{k.Namespace}\" not found (reason: NotFound)")
            .ToList();
        if (missingNamespaces.Count > 0)
        {
            throw InstallException.Waiting(string.Join("; ", missingNamespaces));
        }
        state.AddTypes(provides);
        var missing = files.Select(f => f.Key)
            .Where(k => !ClusterState.IsBuiltInGroup(k.Group) && !state.HasType(k.Group, k.Kind))
            .Select(k => $"{k.Kind} {k.Name} ({k.ApiVersion})")
            .ToList();
        if (missing.Count > 0)
        {
            throw InstallException.Waiting($"resource type not found: {string.Join(", ", missing)}: their CustomResourceDefinitions are not installed yet");
        }
    }

    // What the API server would answer to creating each resource (see ApiServerAdmission): one rejection fails the
    // install before anything is written, as kapp fails the deploy. Runs after CheckCluster, so every custom type is
    // provided by now (by this output, an installation that succeeded, or kapp-controller).
    private static void Admit(RepositoryPackage package, IReadOnlyList<TargetFile> files, IReadOnlyList<Map> documents, ApiServerAdmission admission)
    {
        var rejections = new List<string>();
        var missing = new List<string>();
        for (int i = 0; i < files.Count; i++)
        {
            var key = files[i].Key;
            var result = admission.Check(key, documents[i]);
            if (result.Rejection is { } rejection)
            {
                rejections.Add(rejection);
            }
            else if (result.TypeNotFound)
            {
                missing.Add($"{key.Kind} {key.Name} ({key.ApiVersion})"); // e.g. gateway.networking.k8s.io: a CRD, not the server's
            }
        }
        if (rejections.Count == 0 && missing.Count > 0)
        {
            throw InstallException.Waiting($"resource type not found: {string.Join(", ", missing)}: their CustomResourceDefinitions are not installed yet");
        }
        if (rejections.Count > 0)
        {
            throw new InstallException($"package {package.RefName} {package.Version} renders {(rejections.Count == 1 ? "a resource" : $"{rejections.Count} resources")} the API server rejects (nothing was written): {string.Join("; ", rejections)}");
        }
    }

    private static string? CrdName(Map crd)
    {
        var spec = crd.Find("spec")?.Value as Map;
        string? group = spec?.Find("group")?.Value as string;
        string? kind = (spec?.Find("names")?.Value as Map)?.Find("kind")?.Value as string;
        return group is null || kind is null ? null : $"{group}/{kind}";
    }

    // Children follow the parent's output: new PackageInstalls are recorded (to reconcile next), changed ones get the
    // new spec, ones no longer rendered are deleted, as kapp deleting a PackageInstall makes kapp-controller do.
    private void SyncChildren(Installation parent, RenderedPackage rendered, DateTimeOffset now)
    {
        var wanted = rendered.Resources.OfType<PackageInstall>()
            .Select(i => i with { Metadata = i.Metadata with { Namespace = i.Metadata.Namespace ?? parent.Namespace } })
            .ToList();
        var existing = target.List().Where(i => i.Parent == parent.Key).ToDictionary(i => i.Key, StringComparer.Ordinal);
        foreach (var install in wanted)
        {
            string key = $"{install.Metadata.Namespace}/{install.Metadata.Name}";
            if (existing.Remove(key, out var current))
            {
                // Records compare lists by reference; the resource's YAML is what the spec is.
                if (ResourceYaml.Emit(current.Install) != ResourceYaml.Emit(install))
                {
                    target.Save(current with { Install = install, Succeeded = null });
                }
                continue;
            }
            if (target.Find(install.Metadata.Namespace!, install.Metadata.Name ?? "") is { } other && other.Parent != parent.Key)
            {
                continue; // owned elsewhere: the parent's deploy already reported the PackageInstall resource as a conflict
            }
            target.Save(new Installation { Install = install, Parent = parent.Key, Created = now });
        }
        foreach (var gone in existing.Values)
        {
            Uninstall(gone);
        }
    }

    /// <summary>Deletes an installation and, first, every installation its output created (see <see cref="Uninstaller"/>).</summary>
    public void Uninstall(Installation installation) => Uninstaller.Uninstall(target, installation, null);

    private static string Digest(IReadOnlyList<PackageValues> values)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n---\n", values.Select(v => v.Text))));
        return "sha256:" + Convert.ToHexStringLower(bytes);
    }
}
