using System.Globalization;
using Hull.Yaml;

namespace Hull.Packaging.Admission;

/// <summary>
/// The API server's validation of a decoded built-in object, the part that holds for any cluster: the name rule of its
/// kind, label keys and values, required fields (the definition's <c>required</c> list, except booleans and numbers,
/// whose absence Go cannot tell from zero, and fields the server defaults first), a container's image, and a
/// workload's selector matching its pod template's labels. Unknown fields are not errors: a v1.24 server drops them.
/// </summary>
public static class BuiltInValidation
{
    private const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private const string Container = "io.k8s.api.core.v1.Container";
    private const string JobSpec = "io.k8s.api.batch.v1.JobSpec";
    private const string RoleRef = "io.k8s.api.rbac.v1.RoleRef";

    // Required in the definitions but defaulted before validation, or never enforced, so never missing.
    private static readonly HashSet<string> NotEnforced = new(StringComparer.Ordinal)
    {
        "io.k8s.api.rbac.v1.RoleRef.apiGroup",
        "io.k8s.api.rbac.v1.RoleRef.kind", // worded as an unsupported value (CheckRoleRef)
        "io.k8s.api.apps.v1.StatefulSetSpec.serviceName",
    };

    // Integers the server requires non-zero with "Required value".
    private static readonly HashSet<string> RequiredNumbers = new(StringComparer.Ordinal)
    {
        "io.k8s.api.core.v1.ContainerPort.containerPort",
    };

    // Required objects held by pointer in Go: absent is "Required value". Every other required object is a struct
    // value, which the server validates as its zero value (a missing Deployment template: its containers are missing).
    private static readonly HashSet<string> RequiredPointers = new(StringComparer.Ordinal)
    {
        "io.k8s.api.apps.v1.DeploymentSpec.selector",
        "io.k8s.api.apps.v1.ReplicaSetSpec.selector",
        "io.k8s.api.apps.v1.DaemonSetSpec.selector",
        "io.k8s.api.apps.v1.StatefulSetSpec.selector",
    };

    // Struct values the definitions do not mark required but the server validates even when absent.
    private static readonly HashSet<string> ZeroValueStructs = new(StringComparer.Ordinal)
    {
        "io.k8s.api.core.v1.PodTemplateSpec.spec",
        "io.k8s.api.batch.v1.JobTemplateSpec.spec",
    };

    // The server's words after "Required value" where it says more.
    private static readonly Dictionary<string, string> RequiredDetails = new(StringComparer.Ordinal)
    {
        ["io.k8s.api.networking.v1.HTTPIngressPath.pathType"] = "pathType must be specified",
        ["io.k8s.api.rbac.v1.PolicyRule.verbs"] = "verbs must contain at least one value",
    };

    private static readonly HashSet<string> Workloads = new(StringComparer.Ordinal) { "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet" };

    /// <summary>The field errors of <paramref name="document"/>, in the order the server lists them; empty when valid.</summary>
    public static IReadOnlyList<FieldError> Validate(Map document, BuiltInKind kind)
    {
        var errors = new List<FieldError>();
        var metadata = document.Find("metadata")?.Value as Map;
        errors.AddRange(ObjectNames.Check(kind.Group, kind.Kind, metadata?.Find("name")?.Value as string ?? (metadata?.Find("generateName")?.Value is string ? "x" : null)));
        Walk(document, kind.Schema, "", errors, kind);
        return errors;
    }

    private static void Walk(object? value, ApiSchema schema, string path, List<FieldError> errors, BuiltInKind kind)
    {
        if (value is YamlArray array && schema.Items is { } items)
        {
            for (int i = 0; i < array.Items.Count; i++)
            {
                Walk(array.Items[i].Value, items, $"{path}[{i}]", errors, kind);
            }
            return;
        }
        if (value is not Map map || schema.Properties is null)
        {
            return;
        }
        if (path == "status")
        {
            return; // the server ignores status on create
        }
        if (schema.Definition == ObjectMeta)
        {
            CheckLabels(map, Child(path, "labels"), errors);
            return;
        }
        if (schema.Definition == RoleRef)
        {
            CheckRoleRef(map, path, kind, errors);
        }
        var zero = new List<(string Name, ApiSchema Schema)>();
        foreach (string required in schema.Required.Concat(schema.Definition == Container ? ["image"] : []))
        {
            string field = $"{schema.Definition}.{required}";
            if (NotEnforced.Contains(field) || !schema.Properties.TryGetValue(required, out var property))
            {
                continue;
            }
            bool number = property.Type is "integer" or "number" || property.IntOrString;
            if ((number && !RequiredNumbers.Contains(field)) || property.Type == "boolean" || !IsMissing(map.Find(required)?.Value))
            {
                continue;
            }
            if (property.Properties is not null && !RequiredPointers.Contains(field))
            {
                zero.Add((required, property));
            }
            else
            {
                errors.Add(FieldError.Required(Child(path, required), RequiredDetails.GetValueOrDefault(field)));
            }
        }
        foreach (var (name, property) in schema.Properties)
        {
            if (ZeroValueStructs.Contains($"{schema.Definition}.{name}") && IsMissing(map.Find(name)?.Value))
            {
                zero.Add((name, property));
            }
        }
        if (path == "spec" && kind.Group == "apps" && Workloads.Contains(kind.Kind))
        {
            CheckSelector(map, errors);
        }
        foreach (var item in map.Items)
        {
            string key = item.Key as string ?? Convert.ToString(item.Key, CultureInfo.InvariantCulture) ?? "";
            if (schema.Properties.TryGetValue(key, out var property))
            {
                Walk(item.Value, property, Child(path, key), errors, kind);
            }
        }
        foreach (var (name, property) in zero)
        {
            Walk(new Map(), property, Child(path, name), errors, kind);
        }
        if (schema.Definition == JobSpec)
        {
            CheckRestartPolicy(map, path, errors);
        }
    }

    // A Job's pods must not restart in place: ValidateJobSpec wants restartPolicy OnFailure or Never (no default), and
    // words any other value as missing.
    private static void CheckRestartPolicy(Map jobSpec, string path, List<FieldError> errors)
    {
        var podSpec = (jobSpec.Find("template")?.Value as Map)?.Find("spec")?.Value as Map;
        if (podSpec?.Find("restartPolicy")?.Value is not ("OnFailure" or "Never"))
        {
            errors.Add(FieldError.Required(Child(path, "template.spec.restartPolicy"), "valid values: \"OnFailure\", \"Never\""));
        }
    }

    // A binding's roleRef.kind: Role or ClusterRole (a ClusterRoleBinding: ClusterRole), missing or not.
    private static void CheckRoleRef(Map roleRef, string path, BuiltInKind kind, List<FieldError> errors)
    {
        string[] supported = kind.Kind == "ClusterRoleBinding" ? ["ClusterRole"] : ["Role", "ClusterRole"];
        string given = roleRef.Find("kind")?.Value as string ?? "";
        if (!supported.Contains(given))
        {
            errors.Add(FieldError.Unsupported(Child(path, "kind"), FieldError.Quote(given), supported.Select(FieldError.Quote)));
        }
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        long l => l == 0,
        YamlArray a => a.Items.Count == 0,
        _ => false,
    };

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    // ValidateLabels: each key a qualified name, each value a label value.
    private static void CheckLabels(Map metadata, string path, List<FieldError> errors)
    {
        if (metadata.Find("labels")?.Value is not Map labels)
        {
            return;
        }
        foreach (var item in labels.Items)
        {
            string key = item.Key as string ?? Convert.ToString(item.Key, CultureInfo.InvariantCulture) ?? "";
            errors.AddRange(LabelRules.Key(key, path));
            if (item.Value is string value)
            {
                errors.AddRange(LabelRules.Value(value, path));
            }
        }
    }

    // ValidatePodTemplateSpecForReplicaSet: a non-empty selector must select the template's labels; a missing one
    // selects nothing, so it fails this check too.
    private static void CheckSelector(Map spec, List<FieldError> errors)
    {
        var selector = spec.Find("selector")?.Value as Map;
        var template = (spec.Find("template")?.Value as Map)?.Find("metadata")?.Value as Map;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (template?.Find("labels")?.Value is Map map)
        {
            foreach (var item in map.Items)
            {
                labels[Convert.ToString(item.Key, CultureInfo.InvariantCulture) ?? ""] = Convert.ToString(item.Value, CultureInfo.InvariantCulture) ?? "";
            }
        }
        var matchLabels = selector?.Find("matchLabels")?.Value as Map;
        var expressions = selector?.Find("matchExpressions")?.Value as YamlArray;
        if (selector is not null && (matchLabels?.Items.Count ?? 0) + (expressions?.Items.Count ?? 0) == 0)
        {
            return; // an empty selector has its own error, left to the server's fuller checks
        }
        bool matches = selector is not null && (matchLabels is null || matchLabels.Items.All(i => labels.TryGetValue(Convert.ToString(i.Key, CultureInfo.InvariantCulture) ?? "", out var v) && v == Convert.ToString(i.Value, CultureInfo.InvariantCulture)));
        foreach (var expression in expressions?.Items.Select(i => i.Value as Map).OfType<Map>() ?? [])
        {
            string key = expression.Find("key")?.Value as string ?? "";
            var values = (expression.Find("values")?.Value as YamlArray)?.Items.Select(i => Convert.ToString(i.Value, CultureInfo.InvariantCulture)).ToList() ?? [];
            bool has = labels.TryGetValue(key, out var actual);
            matches &= (expression.Find("operator")?.Value as string) switch
            {
                "In" => has && values.Contains(actual),
                "NotIn" => !has || !values.Contains(actual),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => true, // an unknown operator is its own error
            };
        }
        if (!matches)
        {
            string shown = template?.Find("labels")?.Value is Map
                ? "map[string]string{" + string.Join(", ", labels.Select(l => $"{FieldError.Quote(l.Key)}:{FieldError.Quote(l.Value)}")) + "}"
                : "map[string]string(nil)";
            errors.Add(FieldError.Invalid("spec.template.metadata.labels", shown, "`selector` does not match template `labels`"));
        }
    }
}
