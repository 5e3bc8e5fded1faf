using System.Text.RegularExpressions;
using Hull.Packaging.Admission;
using Hull.Packaging.Installing;
using Hull.Yaml;

namespace Hull.Packaging.Tests.Admission;

/// <summary>
/// Each file in Golden/ is a minimal input with what a real Kubernetes v1.24 API server answered to creating it
/// (recorded by Golden/record.sh against ../shared/cluster/start --api-only): Hull's admission must give the same
/// answer, word for word. Lists of errors are compared as sets: the server lists a custom resource's (or a map's)
/// errors in Go's random map order.
/// </summary>
public sealed partial class AdmissionGoldenTests
{
    private static string GoldenDir => Path.Combine(TestPaths.RepoRoot(), "tests", "Hull.Packaging.Tests", "Admission", "Golden");

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(GoldenDir, "*.yml").Where(f => Path.GetFileName(f) != "widgets-crd.yml").Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetFileNameWithoutExtension(file));
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnswersAsTheApiServer(string name)
    {
        string text = File.ReadAllText(Path.Combine(GoldenDir, name + ".yml"));
        string answer = text.Split('\n')[1];
        var document = (Map)YamlParser.Parse(text, name).Items.Single(d => !d.IsEmpty).Value!;
        var admission = new ApiServerAdmission([], () => [Widgets()]);

        var result = admission.Check(ResourceKey.Of(document, "default"), document);

        if (answer == "# accepted")
        {
            Assert.Null(result.Rejection);
            return;
        }
        var expected = AnswerPattern().Match(answer);
        Assert.True(expected.Success, $"{name}: unreadable answer line {answer}");
        Assert.NotNull(result.Rejection);
        var said = SaysPattern().Match(result.Rejection!);
        Assert.True(said.Success, result.Rejection);
        Assert.Equal(expected.Groups["reason"].Value, said.Groups["reason"].Value);
        Assert.Equal(Items(expected.Groups["message"].Value), Items(said.Groups["message"].Value));
    }

    [Fact]
    public void AKindTheServerDoesNotServeIsNoMatch()
    {
        var document = (Map)YamlParser.Parse("apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: x}\n", "x").Items[0].Value!;

        var result = new ApiServerAdmission([], () => []).Check(ResourceKey.Of(document, "default"), document);

        Assert.Contains("no matches for kind \"Deployment\" in version \"apps/v1beta1\"", result.Rejection);
    }

    [Fact]
    public void AnUnknownGroupWaitsForItsCrd()
    {
        var document = (Map)YamlParser.Parse("apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: x}\n", "x").Items[0].Value!;

        var result = new ApiServerAdmission([], () => []).Check(ResourceKey.Of(document, "default"), document);

        Assert.True(result.TypeNotFound);
        Assert.Null(result.Rejection);
    }

    [Fact]
    public void PackageInstallsAreCheckedAgainstKappControllersCrd()
    {
        var document = (Map)YamlParser.Parse("apiVersion: packaging.carvel.dev/v1alpha1\nkind: PackageInstall\nmetadata: {name: x}\nspec: {serviceAccountName: 5, packageRef: {refName: a.b}}\n", "x").Items[0].Value!;

        var result = new ApiServerAdmission([], () => []).Check(ResourceKey.Of(document, "default"), document);

        Assert.Contains("PackageInstall.packaging.carvel.dev \"x\" is invalid: spec.serviceAccountName: Invalid value: \"integer\": spec.serviceAccountName in body must be of type string: \"integer\"", result.Rejection);
    }

    // "[a: x, b: y]" → {a: x, b: y}; a single error stays itself.
    private static SortedSet<string> Items(string message)
    {
        int list = message.IndexOf(" is invalid: [", StringComparison.Ordinal);
        if (list < 0 || !message.EndsWith(']'))
        {
            return new SortedSet<string>(StringComparer.Ordinal) { message };
        }
        string head = message[..(list + " is invalid: ".Length)];
        string body = message[(list + " is invalid: [".Length)..^1];
        return new SortedSet<string>(ItemSeparator().Split(body).Select(i => head + i), StringComparer.Ordinal);
    }

    private static Map Widgets() =>
        (Map)YamlParser.Parse(File.ReadAllText(Path.Combine(GoldenDir, "widgets-crd.yml")), "widgets-crd.yml").Items.Single(d => !d.IsEmpty).Value!;

    [GeneratedRegex(@"^# (?<code>\d+) (?<reason>\w+): (?<message>.*)$")]
    private static partial Regex AnswerPattern();

    [GeneratedRegex(@"API server says: (?<message>.*) \(reason: (?<reason>\w+)\)$")]
    private static partial Regex SaysPattern();

    [GeneratedRegex(@", (?=[A-Za-z0-9_.\[\]-]+: (?:Invalid value|Required value|Unsupported value|Forbidden|Too long|Too many|Duplicate value))")]
    private static partial Regex ItemSeparator();
}
