namespace Hull.Packaging.Resources;

/// <summary>
/// Kubernetes' name rules (DNS-1123), the one check for installation names and namespaces wherever they come from
/// (flags, a package's output, records on disk): they become folder and file names in a <c>dir:</c> target, so a
/// name that is a path (<c>/tmp/x</c>, <c>..</c>, <c>hello/sub</c>) must never get that far.
/// </summary>
public static class KubernetesName
{
    private const string LabelRule = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc', at most 63 characters)";
    private const string SubdomainRule = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', at most 253 characters)";

    /// <summary>True for a DNS-1123 label (namespaces): <c>[a-z0-9]([-a-z0-9]*[a-z0-9])?</c>, at most 63 characters.</summary>
    public static bool IsLabel(string text) =>
        text.Length is > 0 and <= 63 && IsAlphanumeric(text[0]) && IsAlphanumeric(text[^1]) && text.All(c => IsAlphanumeric(c) || c == '-');

    /// <summary>True for a DNS-1123 subdomain (object names): labels joined by dots, at most 253 characters.</summary>
    public static bool IsSubdomain(string text) =>
        text.Length is > 0 and <= 253 && text.Split('.').All(part => part.Length > 0 && IsAlphanumeric(part[0]) && IsAlphanumeric(part[^1]) && part.All(c => IsAlphanumeric(c) || c == '-'));

    /// <summary>Why <paramref name="ns"/> is not a namespace name, or null when it is one.</summary>
    public static string? NamespaceProblem(string ns) =>
        IsLabel(ns) ? null : $"namespace '{ns}' is not a valid namespace name: {LabelRule}";

    /// <summary>Why <paramref name="name"/> is not an object name, or null when it is one.</summary>
    public static string? NameProblem(string name) =>
        IsSubdomain(name) ? null : $"name '{name}' is not a valid object name: {SubdomainRule}";

    /// <summary>Why the pair is not a namespace and name, or null when both are valid.</summary>
    public static string? Problem(string ns, string name) => NamespaceProblem(ns) ?? NameProblem(name);

    private static bool IsAlphanumeric(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}
