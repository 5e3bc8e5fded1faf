using System.Text;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Yaml;

namespace Hull.Packaging.Installing;

/// <summary>
/// What <c>kctrl package install -i NAME -p P -v V --values-file F -n NS</c> (and tanzu, which shares its code)
/// creates for the in-cluster kapp-controller: a ServiceAccount <c>NAME-NS-sa</c> bound to a ClusterRole
/// <c>NAME-NS-cluster-role</c> (all verbs on all resources) by <c>NAME-NS-cluster-rolebinding</c>, the values Secret
/// <c>NAME-NS-values</c> (key <c>values.yaml</c>), each annotated with the installation it belongs to, and the
/// PackageInstall referring to them, annotated with their names. With an existing service account, only the Secret
/// and the PackageInstall.
/// </summary>
public static class KappControllerManifests
{
    private static readonly string[] AnnotationPrefixes = ["packaging.carvel.dev/package", "tkg.tanzu.vmware.com/tanzu-package"];

    /// <summary>The values Secret's key for the first values file (kctrl's); further files (Hull takes several) sort after it.</summary>
    public const string ValuesKey = "values.yaml";

    /// <summary>The resources, in the order they are applied (the PackageInstall last).</summary>
    /// <param name="name">The install's name.</param>
    /// <param name="ns">Its namespace.</param>
    /// <param name="packageName">The package's refName.</param>
    /// <param name="constraints">The version or constraint.</param>
    /// <param name="valuesFiles">Values files as (file name, contents).</param>
    /// <param name="serviceAccount">An existing service account to use instead of creating one (kctrl's <c>--service-account-name</c>).</param>
    public static IReadOnlyList<IResource> For(string name, string ns, string packageName, string constraints, IReadOnlyList<(string File, string Text)> valuesFiles, string? serviceAccount = null)
    {
        string owner = Owner(name, ns);
        string sa = serviceAccount ?? $"{owner}-sa";
        string role = $"{owner}-cluster-role";
        string binding = $"{owner}-cluster-rolebinding";
        var ownerAnnotations = OwnerAnnotations(owner);
        var installAnnotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Created(string kind, string value)
        {
            foreach (string prefix in AnnotationPrefixes)
            {
                installAnnotations[$"{prefix}-{kind}"] = value;
            }
        }
        var resources = new List<IResource>();
        if (serviceAccount is null)
        {
            Created("ClusterRole", role);
            Created("ClusterRoleBinding", binding);
            Created("ServiceAccount", sa);
            resources.Add(Other("v1", "ServiceAccount", sa, ns, ownerAnnotations));
            resources.Add(Other("rbac.authorization.k8s.io/v1", "ClusterRole", role, null, ownerAnnotations,
                new MapItem("rules", new YamlArray([new ArrayItem(new Map([
                    new MapItem("apiGroups", new YamlArray([new ArrayItem("*")])),
                    new MapItem("resources", new YamlArray([new ArrayItem("*")])),
                    new MapItem("verbs", new YamlArray([new ArrayItem("*")])),
                ]))]))));
            resources.Add(Other("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", binding, null, ownerAnnotations,
                new MapItem("roleRef", new Map([
                    new MapItem("apiGroup", "rbac.authorization.k8s.io"),
                    new MapItem("kind", "ClusterRole"),
                    new MapItem("name", role),
                ])),
                new MapItem("subjects", new YamlArray([new ArrayItem(new Map([
                    new MapItem("kind", "ServiceAccount"),
                    new MapItem("name", sa),
                    new MapItem("namespace", ns),
                ]))]))));
        }
        var secret = valuesFiles.Count > 0 ? ValuesSecret(name, ns, valuesFiles) : null;
        if (secret is not null)
        {
            Created("Secret", secret.Metadata.Name!);
            resources.Add(secret);
        }
        resources.Add(new PackageInstall
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Annotations = installAnnotations.Count == 0 ? null : installAnnotations },
            Spec = new PackageInstallSpec
            {
                // kctrl admits prereleases so that an exact prerelease version can be installed.
                PackageRef = new PackageRef { RefName = packageName, VersionSelection = new SemverSelection { Constraints = constraints, Prereleases = new SemverPrereleases() } },
                ServiceAccountName = sa,
                Values = secret is null ? null : [new PackageInstallValues { SecretRef = new ValuesSecretRef { Name = secret.Metadata.Name } }],
            },
        });
        return resources;
    }

    /// <summary>What the resources an install creates are named after and annotated with: <c>NAME-NAMESPACE</c>.</summary>
    public static string Owner(string name, string ns) => $"{name}-{ns}";

    /// <summary>
    /// The values Secret of installation <paramref name="ns"/>/<paramref name="name"/>: <c>NAME-NAMESPACE-values</c>,
    /// one key per values file (<see cref="ValuesKey"/> first), annotated as the installation's own.
    /// </summary>
    public static Secret ValuesSecret(string name, string ns, IReadOnlyList<(string File, string Text)> valuesFiles)
    {
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < valuesFiles.Count; i++)
        {
            keys[i == 0 ? ValuesKey : $"values{i + 1:D2}.yaml"] = valuesFiles[i].Text;
        }
        string owner = Owner(name, ns);
        return new Secret
        {
            Metadata = new ObjectMeta { Name = $"{owner}-values", Namespace = ns, Annotations = OwnerAnnotations(owner) },
            StringData = keys,
        };
    }

    private static SortedDictionary<string, string> OwnerAnnotations(string owner)
    {
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string prefix in AnnotationPrefixes)
        {
            annotations[prefix] = owner;
        }
        return annotations;
    }

    /// <summary>
    /// The resources as <c>kctrl package install --dry-run</c> prints them: each document after <c>---</c>, with
    /// <c>creationTimestamp: null</c> and the PackageInstall's empty status, then a blank line and <c>Succeeded</c>.
    /// </summary>
    public static string DryRun(IReadOnlyList<IResource> resources)
    {
        var text = new StringBuilder();
        foreach (var resource in resources)
        {
            var map = (Map)ResourceYaml.ToYamlValue(resource)!;
            var metadata = (Map)map.Find("metadata")!.Value!;
            Insert(metadata, "creationTimestamp", null);
            if (resource is PackageInstall)
            {
                Insert(map, "status", new Map([
                    new MapItem("conditions", null),
                    new MapItem("friendlyDescription", ""),
                    new MapItem("observedGeneration", 0),
                ]));
            }
            text.Append("---\n").Append(YamlEmitter.Emit(map));
        }
        return text.Append("\nSucceeded\n").ToString();
    }

    /// <summary>
    /// The installation a dir: target records for the manifests: the PackageInstall, the values Secrets it holds, and
    /// the service account, role and binding created beside it (plus <paramref name="createdNamespace"/>, if any).
    /// </summary>
    public static Installation ToInstallation(IReadOnlyList<IResource> manifests, DateTimeOffset created, string? createdNamespace = null)
    {
        var install = manifests.OfType<PackageInstall>().Single();
        var made = manifests.OfType<OtherResource>().Select(r => new ResourceKey(r.ApiVersion, r.Kind, r.Metadata.Namespace ?? "", r.Metadata.Name ?? "")).ToList();
        if (createdNamespace is not null)
        {
            made.Insert(0, new ResourceKey("v1", "Namespace", "", createdNamespace));
        }
        return new Installation
        {
            Install = install,
            Values = manifests.OfType<Secret>().ToList(),
            CreatedResources = made,
            Created = created,
        };
    }

    // Keys stay in the alphabetical order kubectl and kctrl print.
    private static void Insert(Map map, string key, object? value)
    {
        int at = map.Items.FindIndex(i => string.CompareOrdinal(i.Key as string, key) > 0);
        map.Items.Insert(at < 0 ? map.Items.Count : at, new MapItem(key, value));
    }

    private static OtherResource Other(string apiVersion, string kind, string name, string? ns, IReadOnlyDictionary<string, string> annotations, params MapItem[] rest)
    {
        var metadata = new Map([new MapItem("annotations", new Map(annotations.Select(a => new MapItem(a.Key, a.Value)))), new MapItem("name", name)]);
        if (ns is not null)
        {
            metadata.Items.Add(new MapItem("namespace", ns));
        }
        var map = new Map([new MapItem("apiVersion", apiVersion), new MapItem("kind", kind), new MapItem("metadata", metadata)]);
        map.Items.AddRange(rest);
        return new OtherResource(apiVersion, kind, new ObjectMeta { Name = name, Namespace = ns, Annotations = annotations.ToDictionary() }, map);
    }
}
