using Hull.Packaging.Resources;
using Hull.Yaml;

namespace Hull.Packaging.Installing;

/// <summary>
/// What <c>tanzu package install NAME --package-name P --version V --values-file F -n NS</c> creates for the in-cluster
/// kapp-controller: a ServiceAccount <c>NAME-NS-sa</c> bound to a ClusterRole <c>NAME-NS-cluster-role</c> (all
/// verbs on all resources) by <c>NAME-NS-cluster-rolebinding</c>, the values Secret <c>NAME-NS-values</c> (one key
/// per values file, named after it), and the PackageInstall referring to them, annotated with their names.
/// </summary>
public static class KappControllerManifests
{
    private const string AnnotationPrefix = "tkg.tanzu.vmware.com/tanzu-package-";

    /// <summary>The resources, in the order they are applied (the PackageInstall last).</summary>
    /// <param name="name">The install's name.</param>
    /// <param name="ns">Its namespace.</param>
    /// <param name="packageName">The package's refName.</param>
    /// <param name="constraints">The version or constraint.</param>
    /// <param name="valuesFiles">Values files as (file name, contents).</param>
    public static IReadOnlyList<IResource> For(string name, string ns, string packageName, string constraints, IReadOnlyList<(string File, string Text)> valuesFiles)
    {
        string sa = $"{name}-{ns}-sa";
        string role = $"{name}-{ns}-cluster-role";
        string binding = $"{name}-{ns}-cluster-rolebinding";
        string secret = $"{name}-{ns}-values";
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [AnnotationPrefix + "ClusterRole"] = role,
            [AnnotationPrefix + "ClusterRoleBinding"] = binding,
            [AnnotationPrefix + "ServiceAccount"] = $"{sa}-{ns}",
        };
        var resources = new List<IResource>
        {
            Other("v1", "ServiceAccount", sa, ns),
            Other("rbac.authorization.k8s.io/v1", "ClusterRole", role, null,
                new MapItem("rules", new YamlArray([new ArrayItem(new Map([
                    new MapItem("apiGroups", new YamlArray([new ArrayItem("*")])),
                    new MapItem("resources", new YamlArray([new ArrayItem("*")])),
                    new MapItem("verbs", new YamlArray([new ArrayItem("*")])),
                ]))]))),
            Other("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", binding, null,
                new MapItem("roleRef", new Map([
                    new MapItem("apiGroup", "rbac.authorization.k8s.io"),
                    new MapItem("kind", "ClusterRole"),
                    new MapItem("name", role),
                ])),
                new MapItem("subjects", new YamlArray([new ArrayItem(new Map([
                    new MapItem("kind", "ServiceAccount"),
                    new MapItem("name", sa),
                    new MapItem("namespace", ns),
                ]))]))),
        };
        if (valuesFiles.Count > 0)
        {
            annotations[AnnotationPrefix + "Secret"] = $"{secret}-{ns}";
            resources.Add(Secret.ForValues(secret, ns, valuesFiles.ToDictionary(v => v.File, v => v.Text, StringComparer.Ordinal)));
        }
        resources.Add(new PackageInstall
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Annotations = annotations },
            Spec = new PackageInstallSpec
            {
                PackageRef = new PackageRef { RefName = packageName, VersionSelection = new SemverSelection { Constraints = constraints } },
                ServiceAccountName = sa,
                Values = valuesFiles.Count > 0 ? [new PackageInstallValues { SecretRef = new ValuesSecretRef { Name = secret } }] : null,
            },
        });
        return resources;
    }

    private static OtherResource Other(string apiVersion, string kind, string name, string? ns, params MapItem[] rest)
    {
        var metadata = new Map([new MapItem("name", name)]);
        if (ns is not null)
        {
            metadata.Items.Add(new MapItem("namespace", ns));
        }
        var map = new Map([new MapItem("apiVersion", apiVersion), new MapItem("kind", kind), new MapItem("metadata", metadata)]);
        map.Items.AddRange(rest);
        return new OtherResource(apiVersion, kind, new ObjectMeta { Name = name, Namespace = ns }, map);
    }
}
