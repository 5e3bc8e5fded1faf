using System.Text.RegularExpressions;

namespace Hull.Packaging.Repositories;

/// <summary>
/// kapp-controller's rules for package names: a PackageMetadata name (a Package's refName) is a DNS subdomain of
/// at least three segments (<c>app.corp.com</c>); a Package is named <c>&lt;refName&gt;.&lt;version&gt;</c>.
/// </summary>
public static partial class PackageNames
{
    /// <summary>Why <paramref name="refName"/> is not a valid package name, or null when it is.</summary>
    public static string? ProblemWithRefName(string? refName)
    {
        if (string.IsNullOrEmpty(refName))
        {
            return "is empty";
        }
        if (refName.Length > 253 || !DnsSubdomain().IsMatch(refName))
        {
            return $"'{refName}' is not a valid DNS subdomain (lowercase letters, digits, '-' and '.', at most 253 characters)";
        }
        if (refName.Split('.').Length < 3)
        {
            return $"'{refName}' must have at least three segments separated by '.' (e.g. app.corp.com)";
        }
        return null;
    }

    /// <summary>The name a Package must have.</summary>
    public static string PackageName(string refName, string version) => $"{refName}.{version}";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}
