using System.IO.Compression;
using Hull.Packaging.Installing;
using Hull.Yaml;

namespace Hull.Packaging.Admission;

/// <summary>
/// What a Kubernetes v1.24 API server with kapp-controller v0.45.0 would answer to creating each resource, for the
/// <c>dir:</c> target to refuse an install before writing anything. Built-in kinds are decoded and validated against
/// the server's OpenAPI document (<see cref="KubernetesOpenApi"/>), CRDs are checked as the server checks them
/// (<see cref="CrdValidation"/>), custom resources against the schema of the CRD that provides their version (from the
/// same output, from what is installed, or kapp-controller's own). Messages are the server's, as kapp reports them.
/// </summary>
public sealed class ApiServerAdmission
{
    private const string KappControllerCrds = "Hull.Packaging.Admission.kapp-controller-v0.45.0-crds.yml.gz";
    private static readonly Lazy<IReadOnlyList<CustomKind>> KappControllerKinds = new(LoadKappControllerKinds);

    // The groups of kapp-controller's CRDs (its aggregated data.packaging.carvel.dev is served, in the OpenAPI document).
    private static readonly HashSet<string> KappControllerGroups = new(StringComparer.Ordinal) { "packaging.carvel.dev", "internal.packaging.carvel.dev", "kappctrl.k14s.io" };

    private readonly Dictionary<string, CustomKind> _output = new(StringComparer.Ordinal);
    private readonly Func<IEnumerable<Map>> _installed;
    private Dictionary<string, CustomKind>? _installedKinds;

    /// <summary>Admission for an output whose CRDs are <paramref name="output"/>, beside the CRDs <paramref name="installed"/> reads (on demand).</summary>
    public ApiServerAdmission(IEnumerable<Map> output, Func<IEnumerable<Map>> installed)
    {
        foreach (var crd in output)
        {
            if (CustomKind.Of(crd) is { } kind)
            {
                _output[$"{kind.Group}/{kind.Kind}"] = kind;
            }
        }
        _installed = installed;
    }

    /// <summary>The answer for one resource.</summary>
    public AdmissionResult Check(ResourceKey key, Map document)
    {
        string version = key.ApiVersion.Contains('/', StringComparison.Ordinal) ? key.ApiVersion[(key.ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : key.ApiVersion;
        if (FindCustom(key.Group, key.Kind) is { } custom)
        {
            if (!custom.Versions.TryGetValue(version, out var served) || !served.Served)
            {
                return AdmissionResult.Rejected(NoMatch(key));
            }
            var errors = CustomResourceValidation.Validate(document, key.Group, key.Kind, served.Schema.Value);
            return errors.Count == 0 ? AdmissionResult.Admitted : AdmissionResult.Rejected(Says(key, FieldError.Invalid(key.Kind, key.Group, key.Name, errors), "Invalid"));
        }
        var openApi = KubernetesOpenApi.Instance;
        if (openApi.Find(key.Group, version, key.Kind) is { } builtIn)
        {
            if (BuiltInDecoding.Problem(document, builtIn) is { } decoding)
            {
                return AdmissionResult.Rejected(Says(key, decoding, "BadRequest"));
            }
            var errors = BuiltInValidation.Validate(document, builtIn).ToList();
            if (key.Group == "apiextensions.k8s.io" && key.Kind == "CustomResourceDefinition")
            {
                errors = CrdValidation.Validate(document).ToList();
            }
            // The v1.24 server still names Ingresses by their first group in this message.
            string group = key.Group == "networking.k8s.io" && key.Kind == "Ingress" ? "extensions" : key.Group;
            return errors.Count == 0 ? AdmissionResult.Admitted : AdmissionResult.Rejected(Says(key, FieldError.Invalid(key.Kind, group, key.Name, errors), "Invalid"));
        }
        // A group the server serves itself cannot gain kinds; any other one waits for a CRD another install may add.
        return key.Group.Length == 0 || openApi.ServesGroup(key.Group) ? AdmissionResult.Rejected(NoMatch(key)) : AdmissionResult.NoType;
    }

    /// <summary>
    /// Whether objects of <paramref name="kind"/> live in a namespace: the server's scope for its own kinds, the CRD's
    /// for custom ones; null when neither knows the kind.
    /// </summary>
    public bool? Namespaced(string apiVersion, string kind)
    {
        int slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        string group = slash < 0 ? "" : apiVersion[..slash];
        return FindCustom(group, kind)?.Namespaced ?? KubernetesOpenApi.Instance.Find(group, apiVersion[(slash + 1)..], kind)?.Namespaced;
    }

    private CustomKind? FindCustom(string group, string kind)
    {
        string name = $"{group}/{kind}";
        if (_output.TryGetValue(name, out var found))
        {
            return found;
        }
        if (KappControllerGroups.Contains(group))
        {
            return KappControllerKinds.Value.FirstOrDefault(k => k.Group == group && k.Kind == kind);
        }
        if (KubernetesOpenApi.Instance.ServesGroup(group))
        {
            return null; // a group the server serves itself: no CRD adds kinds to it
        }
        if (_installedKinds is null)
        {
            _installedKinds = new Dictionary<string, CustomKind>(StringComparer.Ordinal);
            foreach (var crd in _installed())
            {
                if (CustomKind.Of(crd) is { } installed)
                {
                    _installedKinds[$"{installed.Group}/{installed.Kind}"] = installed;
                }
            }
        }
        return _installedKinds.GetValueOrDefault(name);
    }

    private static string Where(ResourceKey key) =>
        $"{key.Kind.ToLowerInvariant()}/{key.Name} ({key.ApiVersion}) {(key.Namespace.Length == 0 ? "cluster" : "namespace: " + key.Namespace)}";

    private static string Says(ResourceKey key, string message, string reason) =>
        $"kapp: Error: Creating resource {Where(key)}: API server says: {message} (reason: {reason})";

    private static string NoMatch(ResourceKey key) =>
        $"kapp: Error: Expected to find kind '{key.ApiVersion}/{key.Kind}', but did not: no matches for kind \"{key.Kind}\" in version \"{key.ApiVersion}\" (the API server does not serve it and no CRD provides it)";

    private static IReadOnlyList<CustomKind> LoadKappControllerKinds()
    {
        using var stream = typeof(ApiServerAdmission).Assembly.GetManifestResourceStream(KappControllerCrds)
            ?? throw new InvalidOperationException($"embedded resource {KappControllerCrds} is missing from Hull.Packaging");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        return YamlParser.Parse(reader.ReadToEnd(), "kapp-controller CRDs", new YamlParseOptions { WithoutComments = true }).Items
            .Select(d => d.Value as Map).OfType<Map>()
            .Where(m => m.Find("kind")?.Value as string == "CustomResourceDefinition")
            .Select(CustomKind.Of).OfType<CustomKind>().ToList();
    }
}
