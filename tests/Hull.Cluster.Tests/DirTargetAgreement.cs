using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hull.Cluster.Tests;

/// <summary>
/// The differential check of issue 18: an installation through the <c>dir:</c> target writes resources whose every field
/// the API server holds after the real kapp-controller reconciled the same installation (a subset comparison: the
/// server adds defaults, kapp its labels and annotations; no status, managedFields, uid or timestamps are compared
/// because the dir: target writes none).
/// </summary>
internal static partial class DirTargetAgreement
{
    /// <summary>
    /// Fails unless the cluster holds every field of every resource the <c>dir:</c> target wrote to <paramref name="target"/>
    /// (at least <paramref name="atLeast"/> of them), as kubectl reads them back; a namespaced resource without a namespace
    /// is read from <paramref name="installNamespace"/>, where kapp deploys it.
    /// </summary>
    public static void AssertClusterHolds(TestCluster cluster, string target, string installNamespace, int atLeast)
    {
        var files = Directory.GetFiles(target, "*.yml", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(target, f).StartsWith(".hull", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= atLeast, $"the dir: target wrote {files.Count} resources");
        var differences = new List<string>();
        foreach (string file in files)
        {
            // kubectl puts a resource without a namespace into its context's; kapp into the install's.
            string[] into = OwnNamespace().IsMatch(File.ReadAllText(file)) ? [] : ["-n", installNamespace];
            using var expected = JsonDocument.Parse(AsStored(cluster.Kubectl(["create", "--dry-run=client", "-o", "json", "-f", file, .. into])));
            using var actual = JsonDocument.Parse(cluster.Kubectl(["get", "-o", "json", "-f", file, .. into]));
            CollectDifferences(expected.RootElement, actual.RootElement, Path.GetRelativePath(target, file) + ":", differences);
        }
        Assert.True(differences.Count == 0, "dir: and kapp-controller differ:\n" + string.Join("\n", differences));
    }

    // The API server stores a Secret's stringData as base64 entries of data (stringData winning) and drops stringData.
    private static string AsStored(string json)
    {
        var resource = JsonNode.Parse(json)!.AsObject();
        if ((string?)resource["kind"] == "Secret" && resource["stringData"] is JsonObject stringData)
        {
            resource.Remove("stringData");
            if (resource["data"] is not JsonObject data)
            {
                resource["data"] = data = [];
            }
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes((string?)value ?? ""));
            }
        }
        return resource.ToJsonString();
    }

    private static void CollectDifferences(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in expected.EnumerateObject())
                {
                    if (actual.ValueKind != JsonValueKind.Object || !actual.TryGetProperty(property.Name, out var value))
                    {
                        differences.Add($"{path}.{property.Name}: missing in the cluster");
                        continue;
                    }
                    CollectDifferences(property.Value, value, $"{path}.{property.Name}", differences);
                }
                break;
            case JsonValueKind.Array:
                if (actual.ValueKind != JsonValueKind.Array || actual.GetArrayLength() != expected.GetArrayLength())
                {
                    differences.Add($"{path}: {expected.GetRawText()} in dir:, {actual.GetRawText()} in the cluster");
                    break;
                }
                for (int i = 0; i < expected.GetArrayLength(); i++)
                {
                    CollectDifferences(expected[i], actual[i], $"{path}[{i}]", differences);
                }
                break;
            case JsonValueKind.String:
                if (actual.ValueKind != JsonValueKind.String || expected.GetString() != actual.GetString())
                {
                    differences.Add($"{path}: {expected.GetRawText()} in dir:, {actual.GetRawText()} in the cluster");
                }
                break;
            default:
                if (expected.GetRawText() != actual.GetRawText())
                {
                    differences.Add($"{path}: {expected.GetRawText()} in dir:, {actual.GetRawText()} in the cluster");
                }
                break;
        }
    }


    [GeneratedRegex(@"(?m)^metadata:\r?\n(?:  .*\r?\n)*?  namespace: ")]
    private static partial Regex OwnNamespace();
}
