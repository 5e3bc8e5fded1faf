using System.Text.RegularExpressions;

namespace Hull.Packaging.Admission;

/// <summary>
/// The API server's rules for <c>metadata.name</c>, in its words: most kinds take a DNS-1123 subdomain, Namespaces a
/// DNS-1123 label, Services a DNS-1035 label, RBAC kinds any path segment (no <c>/</c>, no <c>%</c>, not <c>.</c> or
/// <c>..</c>).
/// </summary>
public static partial class ObjectNames
{
    /// <summary>The rule of the API server's validation for a DNS-1123 subdomain.</summary>
    public const string SubdomainRule = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    /// <summary>The rule for a DNS-1123 label.</summary>
    public const string LabelRule = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>The rule for a DNS-1035 label.</summary>
    public const string Dns1035Rule = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private static readonly HashSet<string> PathSegmentKinds = new(StringComparer.Ordinal) { "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding" };

    /// <summary>The errors of <paramref name="name"/> as the name of a <paramref name="group"/> <paramref name="kind"/> (built-in or custom).</summary>
    public static IReadOnlyList<FieldError> Check(string group, string kind, string? name, string path = "metadata.name")
    {
        if (string.IsNullOrEmpty(name))
        {
            return [FieldError.Required(path, "name or generateName is required")];
        }
        if (group == "rbac.authorization.k8s.io" && PathSegmentKinds.Contains(kind))
        {
            return PathSegment(name, path);
        }
        return (group, kind) switch
        {
            ("", "Namespace") => Label(name, path),
            ("", "Service") => Dns1035(name, path),
            _ => Subdomain(name, path),
        };
    }

    /// <summary>A DNS-1123 subdomain's errors.</summary>
    public static IReadOnlyList<FieldError> Subdomain(string name, string path) =>
        SubdomainProblems(name).Select(why => FieldError.Invalid(path, FieldError.Quote(name), why)).ToList();

    /// <summary>Why <paramref name="name"/> is not a DNS-1123 subdomain (the server's reasons), empty when it is one.</summary>
    public static IEnumerable<string> SubdomainProblems(string name)
    {
        if (name.Length > 253)
        {
            yield return "must be no more than 253 characters";
        }
        if (!SubdomainPattern().IsMatch(name))
        {
            yield return SubdomainRule;
        }
    }

    /// <summary>A DNS-1123 label's errors.</summary>
    public static IReadOnlyList<FieldError> Label(string name, string path)
    {
        var errors = new List<FieldError>();
        if (name.Length > 63)
        {
            errors.Add(FieldError.Invalid(path, FieldError.Quote(name), "must be no more than 63 characters"));
        }
        if (!LabelPattern().IsMatch(name))
        {
            errors.Add(FieldError.Invalid(path, FieldError.Quote(name), LabelRule));
        }
        return errors;
    }

    /// <summary>A DNS-1035 label's errors.</summary>
    public static IReadOnlyList<FieldError> Dns1035(string name, string path)
    {
        var errors = new List<FieldError>();
        if (name.Length > 63)
        {
            errors.Add(FieldError.Invalid(path, FieldError.Quote(name), "must be no more than 63 characters"));
        }
        if (!Dns1035Pattern().IsMatch(name))
        {
            errors.Add(FieldError.Invalid(path, FieldError.Quote(name), Dns1035Rule));
        }
        return errors;
    }

    private static IReadOnlyList<FieldError> PathSegment(string name, string path)
    {
        if (name is "." or "..")
        {
            return [FieldError.Invalid(path, FieldError.Quote(name), $"may not be '{name}'")];
        }
        var errors = new List<FieldError>();
        foreach (string bad in new[] { "/", "%" })
        {
            if (name.Contains(bad, StringComparison.Ordinal))
            {
                errors.Add(FieldError.Invalid(path, FieldError.Quote(name), $"may not contain '{bad}'"));
            }
        }
        return errors;
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex Dns1035Pattern();
}
