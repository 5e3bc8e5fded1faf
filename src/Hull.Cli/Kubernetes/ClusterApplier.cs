using System.Text.Json;
using Hull.Packaging.Installing;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Hull.Cli.Kubernetes;

/// <summary>
/// Applies the kapp-controller target's resources to a cluster through the official client, by server-side apply
/// (create-or-update in one request, owned by the <c>hull</c> field manager).
/// </summary>
public sealed class ClusterApplier : IDisposable
{
    private const string FieldManager = "hull";
    private readonly k8s.Kubernetes client;

    /// <summary>Connects with the kubeconfig at <paramref name="kubeconfig"/> (its current context).</summary>
    public ClusterApplier(string kubeconfig)
    {
        if (!File.Exists(kubeconfig))
        {
            throw new InstallException($"kubeconfig '{kubeconfig}': no such file (give --kubeconfig, or --dry-run to print the resources)");
        }
        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or FormatException)
        {
            throw new InstallException($"kubeconfig '{kubeconfig}': {e.Message}");
        }
        client = new k8s.Kubernetes(config);
    }

    /// <summary>The kubeconfig to use: the option, else $KUBECONFIG (its first file), else ~/.kube/config.</summary>
    public static string DefaultKubeconfig(string? option)
    {
        if (option is { Length: > 0 })
        {
            return option;
        }
        if (Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } env)
        {
            return env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)[0];
        }
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }

    /// <summary>Applies each resource in order; returns the <c>kind/name</c> of each one applied.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(IReadOnlyList<IResource> resources, CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        foreach (var resource in resources)
        {
            string name = resource.Metadata.Name ?? throw new InstallException($"{resource.Kind} without a name");
            string? ns = resource.Metadata.Namespace;
            string label = ns is null ? $"{resource.Kind} {name}" : $"{resource.Kind} {ns}/{name}";
            // Secrets go in the body only: nothing here writes the body anywhere but to the API server.
            var patch = new V1Patch(ResourceYaml.EmitJson(resource), V1Patch.PatchType.ApplyPatch);
            try
            {
                await ApplyOneAsync(resource, patch, name, ns, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e)
            {
                throw new InstallException($"applying {label}: {(int)e.Response.StatusCode} {ServerMessage(e.Response.Content) ?? e.Response.ReasonPhrase}");
            }
            catch (HttpRequestException e)
            {
                throw new InstallException($"applying {label}: {e.Message}");
            }
            applied.Add(label);
        }
        return applied;
    }

    private Task ApplyOneAsync(IResource resource, V1Patch patch, string name, string? ns, CancellationToken ct) => (resource.ApiVersion, resource.Kind) switch
    {
        ("v1", "ServiceAccount") => client.CoreV1.PatchNamespacedServiceAccountAsync(patch, name, Namespaced(ns, resource), fieldManager: FieldManager, force: true, cancellationToken: ct),
        ("v1", "Secret") => client.CoreV1.PatchNamespacedSecretAsync(patch, name, Namespaced(ns, resource), fieldManager: FieldManager, force: true, cancellationToken: ct),
        ("rbac.authorization.k8s.io/v1", "ClusterRole") => client.RbacAuthorizationV1.PatchClusterRoleAsync(patch, name, fieldManager: FieldManager, force: true, cancellationToken: ct),
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding") => client.RbacAuthorizationV1.PatchClusterRoleBindingAsync(patch, name, fieldManager: FieldManager, force: true, cancellationToken: ct),
        ("packaging.carvel.dev/v1alpha1", "PackageInstall") => client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "packaging.carvel.dev", "v1alpha1", Namespaced(ns, resource), "packageinstalls", name, fieldManager: FieldManager, force: true, cancellationToken: ct),
        _ => throw new InstallException($"applying {resource.Kind} {name}: {resource.ApiVersion} {resource.Kind} is not one the kapp-controller target creates"),
    };

    private static string Namespaced(string? ns, IResource resource) => ns ?? throw new InstallException($"{resource.Kind} {resource.Metadata.Name} has no namespace");

    // The API server answers errors with a Status object; its message says what was wrong.
    private static string? ServerMessage(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(content);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => client.Dispose();
}
