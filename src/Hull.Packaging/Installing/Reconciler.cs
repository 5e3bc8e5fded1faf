using System.Security.Cryptography;
using System.Text;
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
/// A failure is recorded in the installation's status and leaves its deployed files untouched.
/// </summary>
public sealed class Reconciler(DirectoryTarget target, IReadOnlyList<RepositoryContents> repositories, RepositoryPackageRenderer renderer)
{
    // Groups whose kinds the API server or kapp-controller itself serves: no CustomResourceDefinition needed.
    private static bool BuiltIn(string group) =>
        !group.Contains('.', StringComparison.Ordinal) || group.EndsWith(".k8s.io", StringComparison.Ordinal)
        || group.EndsWith("carvel.dev", StringComparison.Ordinal) || group.EndsWith("k14s.io", StringComparison.Ordinal);

    /// <summary>The clock for status times.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Reconciles one installation and records the outcome; returns the recorded installation.</summary>
    public async Task<Installation> ReconcileAsync(Installation installation, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        RepositoryPackage? package = null;
        IReadOnlyList<string>? provides = null;
        try
        {
            package = Select(installation.Install);
            var values = Values(installation);
            var problems = ValuesSchemaValidator.Validate(package.Package.Spec.ValuesSchema?.OpenAPIv3, values);
            if (problems.Count > 0)
            {
                throw new InstallException($"values do not match the values schema of {package.RefName} {package.Version}: {string.Join("; ", problems)}");
            }
            string bundle = await renderer.LocateAsync(package, cancellationToken).ConfigureAwait(false);
            var rendered = await renderer.RenderAsync(package, values, cancellationToken).ConfigureAwait(false);
            var files = Files(installation, rendered);
            CheckChildNames(installation, rendered);
            provides = rendered.Documents.Select(d => d.Value as Map).Where(m => m is not null && ResourceKey.Of(m, "").Kind == "CustomResourceDefinition")
                .Select(m => CrdName(m!)).Where(n => n is not null).Select(n => n!).ToList();
            CheckDependencies(installation, files, provides);
            var fetched = await renderer.FetchAsync(package, cancellationToken).ConfigureAwait(false);
            var deployed = target.Deploy(installation with
            {
                Version = package.Version.ToString(),
                LastAttemptedVersion = package.Version.ToString(),
                Bundle = fetched.DigestReference ?? bundle,
                ValuesDigest = Digest(values),
                Provides = provides,
                Succeeded = true,
                UsefulErrorMessage = null,
                LastAttempt = now,
            }, files);
            SyncChildren(deployed, rendered, now);
            return deployed;
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
            return failed;
        }
    }

    /// <summary>
    /// Reconciles <paramref name="roots"/> and every installation they create, once each, parents before children;
    /// with <paramref name="untilDone"/> the failed ones are retried (in dependency order: an attempt that succeeds
    /// may unblock others) until all succeed, a round changes nothing, or <paramref name="deadline"/> passes.
    /// </summary>
    public async Task<IReadOnlyList<Installation>> ReconcileTreeAsync(IReadOnlyList<Installation> roots, bool untilDone, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var attempted = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<Installation>(roots);
        var results = new Dictionary<string, Installation>(StringComparer.Ordinal);
        while (true)
        {
            while (queue.Count > 0)
            {
                var next = queue.Dequeue();
                if (!attempted.Add(next.Key))
                {
                    continue;
                }
                var result = await ReconcileAsync(next, cancellationToken).ConfigureAwait(false);
                results[result.Key] = result;
                foreach (var child in target.List().Where(i => i.Parent == result.Key && !attempted.Contains(i.Key)))
                {
                    queue.Enqueue(child);
                }
            }
            var failed = results.Values.Where(r => r.Succeeded != true).Select(r => target.Find(r.Namespace, r.Name)).Where(r => r is not null).Select(r => r!).ToList();
            if (!untilDone || failed.Count == 0 || Clock.GetUtcNow() >= deadline)
            {
                break;
            }
            int before = failed.Count;
            attempted.Clear();
            foreach (var retry in Order(failed))
            {
                attempted.Add(retry.Key);
                var result = await ReconcileAsync(retry, cancellationToken).ConfigureAwait(false);
                results[result.Key] = result;
                foreach (var child in target.List().Where(i => i.Parent == result.Key && !results.ContainsKey(i.Key)))
                {
                    queue.Enqueue(child);
                }
            }
            int after = results.Values.Count(r => r.Succeeded != true);
            if (after >= before && queue.Count == 0)
            {
                break; // nothing moved: retrying now would fail the same way
            }
        }
        return results.Values.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Failed installations in dependency order: parents first, then those that provide what others wait for.</summary>
    public static IReadOnlyList<Installation> Order(IReadOnlyList<Installation> installations) =>
        installations.OrderBy(i => Depth(i, installations)).ThenBy(i => i.Provides.Count == 0 ? 1 : 0).ThenBy(i => i.Key, StringComparer.Ordinal).ToList();

    private static int Depth(Installation installation, IReadOnlyList<Installation> all)
    {
        int depth = 0;
        for (var parent = installation.Parent; parent is not null && depth < 64; depth++)
        {
            parent = all.FirstOrDefault(i => i.Key == parent)?.Parent;
        }
        return depth;
    }

    private RepositoryPackage Select(PackageInstall install)
    {
        string refName = install.Spec.PackageRef?.RefName ?? throw new InstallException($"PackageInstall {install.Metadata.Name}: spec.packageRef.refName is missing");
        var selection = install.Spec.PackageRef.VersionSelection?.ToVersionSelection() ?? new VersionSelection(">=0.0.0");
        var contents = repositories.FirstOrDefault(r => r.PackageNames.Contains(refName, StringComparer.Ordinal))
            ?? throw new InstallException($"package '{refName}' is in none of the repositories ({string.Join(", ", repositories.Select(r => r.Origin))})");
        return contents.Select(refName, selection);
    }

    private List<PackageValues> Values(Installation installation)
    {
        var values = new List<PackageValues>();
        foreach (var reference in installation.Install.Spec.Values ?? [])
        {
            string name = reference.SecretRef?.Name ?? "";
            var secret = installation.Values.FirstOrDefault(s => s.Metadata.Name == name)
                ?? target.FindSecret(installation.Namespace, name)
                ?? throw new InstallException($"values Secret '{installation.Namespace}/{name}' does not exist (yet)");
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

    // Like kapp before the CRDs exist: a custom resource whose CustomResourceDefinition no installation (nor this
    // output) provides cannot be applied yet; the installation fails and is retried later.
    private void CheckDependencies(Installation installation, IReadOnlyList<TargetFile> files, IReadOnlyList<string> provides)
    {
        var available = target.List().Where(i => i.Key != installation.Key && i.Succeeded == true).SelectMany(i => i.Provides).Concat(provides).ToHashSet(StringComparer.Ordinal);
        var missing = files.Select(f => f.Key)
            .Where(k => !BuiltIn(k.Group) && !available.Contains($"{k.Group}/{k.Kind}"))
            .Select(k => $"{k.Kind} {k.Name} ({k.ApiVersion})")
            .ToList();
        if (missing.Count > 0)
        {
            throw new InstallException($"resource type not found: {string.Join(", ", missing)}: their CustomResourceDefinitions are not installed yet");
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

    /// <summary>Deletes an installation and, first, every installation its output created (recursively).</summary>
    public void Uninstall(Installation installation)
    {
        foreach (var child in target.List().Where(i => i.Parent == installation.Key))
        {
            Uninstall(child);
        }
        target.Delete(installation);
    }

    private static string Digest(IReadOnlyList<PackageValues> values)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n---\n", values.Select(v => v.Text))));
        return "sha256:" + Convert.ToHexStringLower(bytes);
    }
}
