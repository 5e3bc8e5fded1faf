using System.Text;
using System.Text.Json;
using Hull.Packaging.Installing;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Cluster;

/// <summary>
/// The kapp-controller target in a real cluster, as <c>kctrl</c> and <c>tanzu package</c> drive it: apply what an
/// install creates, read PackageInstalls and PackageRepositories with their status, follow an installation and the
/// PackageInstalls its output creates until they reconcile, update, kick, and delete with what the install created.
/// </summary>
public sealed class KappControllerCluster(KubernetesApi api) : IDisposable
{
    private const string Packaging = "packaging.carvel.dev/v1alpha1";
    private const string OwnerAnnotation = "packaging.carvel.dev/package";

    /// <summary>How often status is polled while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The API client.</summary>
    public KubernetesApi Api => api;

    /// <summary>Connects with the kubeconfig of <paramref name="kubeconfigOption"/> (else $KUBECONFIG, else ~/.kube/config).</summary>
    public static KappControllerCluster Connect(string? kubeconfigOption) => new(new KubernetesApi(Kubeconfig.Load(Kubeconfig.DefaultPath(kubeconfigOption))));

    /// <summary>Applies each resource in order (server-side apply); returns <c>Kind ns/name</c> of each.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(IEnumerable<IResource> resources, CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        foreach (var resource in resources)
        {
            string name = resource.Metadata.Name ?? throw new InstallException($"{resource.Kind} without a name");
            string? ns = resource.Metadata.Namespace;
            string label = ns is null ? $"{resource.Kind} {name}" : $"{resource.Kind} {ns}/{name}";
            try
            {
                // Secrets go in the body only: nothing here writes the body anywhere but to the API server.
                await api.ApplyAsync(ResourcePath.For(resource.ApiVersion, resource.Kind, ns, name), ResourceYaml.EmitJson(resource), cancellationToken).ConfigureAwait(false);
            }
            catch (InstallException e)
            {
                throw new InstallException($"applying {label}: {AfterPath(e.Message)}");
            }
            applied.Add(label);
        }
        return applied;
    }

    /// <summary>The PackageInstalls of <paramref name="ns"/> (every namespace when null).</summary>
    public async Task<IReadOnlyList<ClusterObject>> ListInstallsAsync(string? ns, CancellationToken cancellationToken, string? labelSelector = null) =>
        (await api.ListAsync(ResourcePath.For(Packaging, "PackageInstall", ns), labelSelector, cancellationToken).ConfigureAwait(false)).Select(ClusterObject.From).ToList();

    /// <summary>A PackageInstall, or null.</summary>
    public async Task<ClusterObject?> GetInstallAsync(string ns, string name, CancellationToken cancellationToken) =>
        await api.GetAsync(ResourcePath.For(Packaging, "PackageInstall", ns, name), cancellationToken).ConfigureAwait(false) is { } json ? ClusterObject.From(json) : null;

    /// <summary>A PackageInstall, or an error naming what the namespace holds.</summary>
    public async Task<ClusterObject> FindInstallAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (await GetInstallAsync(ns, name, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return found;
        }
        var all = await ListInstallsAsync(ns, cancellationToken).ConfigureAwait(false);
        throw new InstallException($"installation {ns}/{name} not found in the cluster of {api.Config.Path}{(all.Count > 0 ? $" (installed in {ns}: {string.Join(", ", all.Select(i => i.Name))})" : "")}");
    }

    /// <summary>The contents of a Secret's keys (decoded), in key order; null when it does not exist.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (await api.GetAsync(ResourcePath.For("v1", "Secret", ns, name), cancellationToken).ConfigureAwait(false) is not { } json)
        {
            return null;
        }
        var result = new List<KeyValuePair<string, string>>();
        if (json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in data.EnumerateObject())
            {
                result.Add(new(p.Name, Encoding.UTF8.GetString(Convert.FromBase64String(p.Value.GetString() ?? ""))));
            }
        }
        return result.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Follows <paramref name="roots"/> and every PackageInstall their Apps deploy (recursively) until all have
    /// reconciled successfully or <paramref name="deadline"/>; <paramref name="observe"/> sees each state change.
    /// Failures are not final: kapp-controller retries them (a child may wait for a CRD another child creates).
    /// Returns the last state of each, roots first.
    /// </summary>
    public async Task<IReadOnlyList<ClusterObject>> WaitAsync(IReadOnlyList<(string Namespace, string Name)> roots, DateTimeOffset deadline, Action<ClusterObject>? observe, CancellationToken cancellationToken)
    {
        var order = roots.Select(r => $"{r.Namespace}/{r.Name}").ToList();
        var known = roots.ToDictionary(r => $"{r.Namespace}/{r.Name}", r => r);
        var last = new Dictionary<string, ClusterObject>(StringComparer.Ordinal);
        var expanded = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            foreach (string key in order.ToList())
            {
                var (ns, name) = known[key];
                var state = await GetInstallAsync(ns, name, cancellationToken).ConfigureAwait(false)
                    ?? new ClusterObject { Name = name, Namespace = ns, Description = "Not found" };
                if (!last.TryGetValue(key, out var before) || before.Description != state.Description || before.Succeeded != state.Succeeded)
                {
                    observe?.Invoke(state);
                }
                last[key] = state;
                if (state.Succeeded == true && expanded.Add(key))
                {
                    foreach (var child in await ChildrenAsync(ns, name, cancellationToken).ConfigureAwait(false))
                    {
                        if (known.TryAdd(child.Key, (child.Namespace, child.Name)))
                        {
                            order.Add(child.Key);
                        }
                    }
                }
            }
            if (order.All(k => last.TryGetValue(k, out var s) && s.Succeeded == true && expanded.Contains(k)))
            {
                return order.Select(k => last[k]).ToList();
            }
            if (DateTimeOffset.UtcNow >= deadline)
            {
                return order.Where(last.ContainsKey).Select(k => last[k]).ToList();
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The PackageInstalls the App of PackageInstall <paramref name="ns"/>/<paramref name="name"/> deployed (kapp's app label).</summary>
    public async Task<IReadOnlyList<ClusterObject>> ChildrenAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var app = await api.GetAsync(ResourcePath.For("kappctrl.k14s.io/v1alpha1", "App", ns, name), cancellationToken).ConfigureAwait(false);
        if (app is not { } a || !a.TryGetProperty("status", out var status) || !status.TryGetProperty("deploy", out var deploy)
            || !deploy.TryGetProperty("kapp", out var kapp) || !kapp.TryGetProperty("associatedResources", out var associated)
            || !associated.TryGetProperty("label", out var label) || label.GetString() is not { Length: > 0 } selector)
        {
            return [];
        }
        return await ListInstallsAsync(null, cancellationToken, selector).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes an installation as tanzu does: the PackageInstall (kapp-controller deletes what it deployed), waits
    /// until it is gone, then the values Secrets, service account, ClusterRole and binding the install created
    /// (named in its annotations and annotated as its own). Returns what was deleted.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteInstallAsync(ClusterObject install, DateTimeOffset deadline, Action<ClusterObject>? observe, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        await api.DeleteAsync(ResourcePath.For(Packaging, "PackageInstall", install.Namespace, install.Name), cancellationToken).ConfigureAwait(false);
        deleted.Add($"PackageInstall {install.Key}");
        string? lastDescription = null;
        while (await GetInstallAsync(install.Namespace, install.Name, cancellationToken).ConfigureAwait(false) is { } state)
        {
            if (state.Description != lastDescription)
            {
                lastDescription = state.Description;
                observe?.Invoke(state);
            }
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new InstallException($"{install.Key} is still being deleted ({state.Description}{(state.UsefulErrorMessage is { Length: > 0 } m ? $": {m}" : "")}); what the install created is kept until it is gone");
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        string owner = KappControllerManifests.Owner(install.Name, install.Namespace);
        foreach (var (kind, apiVersion, namespaced) in new[] { ("Secret", "v1", true), ("ServiceAccount", "v1", true), ("ClusterRoleBinding", "rbac.authorization.k8s.io/v1", false), ("ClusterRole", "rbac.authorization.k8s.io/v1", false) })
        {
            if (!install.Annotations.TryGetValue($"{OwnerAnnotation}-{kind}", out var name) || name.Length == 0)
            {
                continue;
            }
            string path = ResourcePath.For(apiVersion, kind, namespaced ? install.Namespace : null, name);
            // Only what this install made: a service account or Secret the user named is theirs.
            if (await api.GetAsync(path, cancellationToken).ConfigureAwait(false) is not { } existing || OwnerOf(existing) != owner)
            {
                continue;
            }
            if (await api.DeleteAsync(path, cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(namespaced ? $"{kind} {install.Namespace}/{name}" : $"{kind} {name}");
            }
        }
        return deleted;
    }

    /// <summary>
    /// Changes an installation's version constraint and, with <paramref name="values"/>, its values (the Secret the
    /// install created, created if it had none, as tanzu does).
    /// </summary>
    public async Task UpdateInstallAsync(ClusterObject install, string? constraints, Secret? values, CancellationToken cancellationToken)
    {
        var spec = new Dictionary<string, object>();
        var metadata = new Dictionary<string, object>();
        if (constraints is not null)
        {
            spec["packageRef"] = new Dictionary<string, object> { ["versionSelection"] = new Dictionary<string, object> { ["constraints"] = constraints } };
        }
        if (values is not null)
        {
            await ApplyAsync([values], cancellationToken).ConfigureAwait(false);
            spec["values"] = new object[] { new Dictionary<string, object> { ["secretRef"] = new Dictionary<string, object> { ["name"] = values.Metadata.Name! } } };
            metadata["annotations"] = new Dictionary<string, object>
            {
                [$"{OwnerAnnotation}-Secret"] = values.Metadata.Name!,
                ["tkg.tanzu.vmware.com/tanzu-package-Secret"] = values.Metadata.Name!,
            };
        }
        if (spec.Count == 0)
        {
            throw new InstallException("nothing to update: give --version, --version-constraint or --values-file");
        }
        var patch = new Dictionary<string, object> { ["spec"] = spec };
        if (metadata.Count > 0)
        {
            patch["metadata"] = metadata;
        }
        await api.MergePatchAsync(ResourcePath.For(Packaging, "PackageInstall", install.Namespace, install.Name), JsonText(patch), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes kapp-controller reconcile an installation now, as kctrl's kick does: pause it, then resume it.</summary>
    public async Task KickAsync(ClusterObject install, CancellationToken cancellationToken)
    {
        string path = ResourcePath.For(Packaging, "PackageInstall", install.Namespace, install.Name);
        await api.MergePatchAsync(path, "{\"spec\":{\"paused\":true}}", cancellationToken).ConfigureAwait(false);
        await api.MergePatchAsync(path, "{\"spec\":{\"paused\":null}}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The PackageRepositories of <paramref name="ns"/> (every namespace when null).</summary>
    public async Task<IReadOnlyList<ClusterObject>> ListRepositoriesAsync(string? ns, CancellationToken cancellationToken) =>
        (await api.ListAsync(ResourcePath.For(Packaging, "PackageRepository", ns), null, cancellationToken).ConfigureAwait(false)).Select(ClusterObject.From).ToList();

    /// <summary>A PackageRepository, or null.</summary>
    public async Task<ClusterObject?> GetRepositoryAsync(string ns, string name, CancellationToken cancellationToken) =>
        await api.GetAsync(ResourcePath.For(Packaging, "PackageRepository", ns, name), cancellationToken).ConfigureAwait(false) is { } json ? ClusterObject.From(json) : null;

    /// <summary>Waits until the PackageRepository has reconciled its current generation (success or failure) or <paramref name="deadline"/>.</summary>
    public async Task<ClusterObject> WaitRepositoryAsync(string ns, string name, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = await GetRepositoryAsync(ns, name, cancellationToken).ConfigureAwait(false)
                ?? throw new InstallException($"PackageRepository {ns}/{name} does not exist");
            if (state.Succeeded is not null || DateTimeOffset.UtcNow >= deadline)
            {
                return state;
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes a PackageRepository and waits until it is gone (kapp-controller removes its Packages first); false when it did not exist.</summary>
    public async Task<bool> DeleteRepositoryAsync(string ns, string name, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (!await api.DeleteAsync(ResourcePath.For(Packaging, "PackageRepository", ns, name), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        while (await GetRepositoryAsync(ns, name, cancellationToken).ConfigureAwait(false) is { } state)
        {
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new InstallException($"PackageRepository {ns}/{name} is still being deleted ({state.Description})");
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    private static string? OwnerOf(JsonElement resource) =>
        resource.TryGetProperty("metadata", out var m) && m.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object
        && a.TryGetProperty(OwnerAnnotation, out var v) ? v.GetString() : null;

    // "applying /api/v1/...: 422 message" -> "422 message"
    private static string AfterPath(string message)
    {
        int at = message.IndexOf(": ", StringComparison.Ordinal);
        return at < 0 ? message : message[(at + 2)..];
    }

    // Merge patches are small maps of strings; written by hand to stay free of reflection-based serialisation.
    private static string JsonText(object value) => value switch
    {
        string s => JsonEncodedText.Encode(s, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() is var e ? $"\"{e}\"" : "",
        Dictionary<string, object> map => "{" + string.Join(",", map.Select(kv => $"{JsonText(kv.Key)}:{JsonText(kv.Value)}")) + "}",
        object[] list => "[" + string.Join(",", list.Select(JsonText)) + "]",
        _ => throw new ArgumentException($"unsupported {value.GetType()}"),
    };

    /// <inheritdoc/>
    public void Dispose() => api.Dispose();
}
