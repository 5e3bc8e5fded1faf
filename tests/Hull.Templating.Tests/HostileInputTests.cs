using System.Text;
using Hull.Templating.Files;
using static Hull.Templating.Tests.DataValues.TemplateFiles;

namespace Hull.Templating.Tests;

/// <summary>
/// Templates and values meant to exhaust the stack, or to be silently altered, fail with an ordinary error naming what
/// and where, never a stack overflow (which kills the process without a message). Classes covered, each beside the next
/// one added: deep Starlark values written to YAML; deep JSON, YAML and TOML text decoded; deep values encoded (json,
/// yaml, toml, struct) and struct-decoded; overlays of deep documents; deep data values key paths and YAML values;
/// unbounded recursion (a short traceback) and deep but bounded recursion (evaluated on a large stack); invalid UTF-8
/// in YAML templates, text templates and loaded modules; unparsable data values files.
/// </summary>
public sealed class HostileInputTests
{
    private const string Deep = """
        #@ load("@ytt:json", "json")
        #@ load("@ytt:yaml", "yaml")
        #@ load("@ytt:toml", "toml")
        #@ load("@ytt:struct", "struct")
        #@ def deep(n, kind="dict"):
        #@   d = 1
        #@   for i in range(n):
        #@     if kind == "dict":
        #@       d = {"k": d}
        #@     elif kind == "list":
        #@       d = [d]
        #@     elif kind == "struct":
        #@       d = struct.make(k=d)
        #@     end
        #@   end
        #@   return d
        #@ end

        """;

    private const string Fragments = """
        #@ def frag(n):
        #@   if n == 0:
        leaf: 1
        #@   else:
        k: #@ frag(n-1)
        #@   end
        #@ end

        """;

    private static string Error(string line) => RenderError(new TemplateOptions(), ("t.yml", Deep + line + "\n"));

    private static string TooDeep(string what) => $"value nested too deeply to {what}: exceeded max depth of 1000 levels";

    [Fact]
    public void DeepDictWrittenToYamlIsAnError() =>
        Assert.Contains(TooDeep("convert to YAML"), Error("a: #@ deep(40000)"), StringComparison.Ordinal);

    [Theory]
    [InlineData("a: #@ json.encode(deep(40000))", "json.encode: ", "encode")]
    [InlineData("a: #@ json.encode(deep(40000, 'list'))", "json.encode: ", "encode")]
    [InlineData("a: #@ yaml.encode(deep(40000))", "yaml.encode: ", "convert to YAML")]
    [InlineData("a: #@ toml.encode({'x': deep(40000)})", "toml.encode: ", "encode")]
    [InlineData("a: #@ struct.encode(deep(40000))", "struct.encode: ", "encode")]
    [InlineData("a: #@ struct.decode(deep(40000, 'struct'))", "struct.decode: ", "decode a struct")]
    public void EncodingDeepValuesIsAnError(string line, string builtin, string what) =>
        Assert.Contains(builtin + TooDeep(what), Error(line), StringComparison.Ordinal);

    [Theory]
    [InlineData("a: #@ json.decode('[' * 100000 + ']' * 100000)", "json.decode: invalid character '[' exceeded max depth")]
    [InlineData("a: #@ json.decode('{\"a\":' * 100000 + '1' + '}' * 100000)", "json.decode: invalid character '{' exceeded max depth")]
    [InlineData("a: #@ yaml.decode('[' * 100000 + ']' * 100000)", "yaml.decode: yaml: line 1: nesting deeper than 1000 levels")]
    [InlineData("a: #@ toml.decode('a = ' + '[' * 100000 + ']' * 100000)", "toml.decode: ")]
    public void DecodingDeepTextIsAnError(string line, string message) =>
        Assert.Contains(message, Error(line), StringComparison.Ordinal);

    [Fact]
    public void ValuesJustUnderTheLimitEncodeAndRender()
    {
        string output = Render(new TemplateOptions(), ("t.yml", Deep + "a: #@ json.decode(json.encode(deep(999)))\nb: #@ yaml.encode(struct.encode(deep(998)))\n"));
        Assert.StartsWith("a:\n  k:\n    k:\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlayingDeepDocumentsIsAnError()
    {
        string error = RenderError(new TemplateOptions(),
            ("t.yml", Fragments + "a: #@ frag(1500)\n"),
            ("overlay.yml", "#@ load(\"@ytt:overlay\", \"overlay\")\n" + Fragments + "#@overlay/match by=overlay.all, expects=\"1+\"\n---\na: #@ frag(1500)\n"));
        Assert.Contains("Document on line overlay.yml:10: " + TooDeep("overlay"), error, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepButBoundedRecursionRendersOnTheEvaluationStack()
    {
        string output = Render(new TemplateOptions(), ("t.yml", Fragments + "a: #@ frag(4900)\n"));
        Assert.EndsWith(new string(' ', 2 * 4901) + "leaf: 1\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnboundedRecursionShowsTheOutermostAndInnermostFrames()
    {
        string error = RenderError(new TemplateOptions(), ("rec.yml", "#@ def f(n):\n#@   return f(n+1)\n#@ end\na: #@ f(0)\n"));
        string[] lines = error.Split('\n');
        Assert.Contains("- maximum recursion depth exceeded (5000 nested calls)", lines);
        Assert.Contains("    ... 4981 frames omitted ...", lines);
        Assert.True(lines.Length < 50, $"{lines.Length} lines");
        Assert.Equal("      rec.yml:4 | a: #@ f(0)", lines[^1]);
    }

    [Fact]
    public void DeepDataValuesKeyPathIsAnError()
    {
        var options = new TemplateOptions();
        options.DataValues.AddKeyValue(string.Join('.', Enumerable.Repeat("k", 5000)) + "=1", asYaml: false, source: "--data-value");
        string error = RenderError(options, ("dv.yml", "#@data/values\n---\nk: 1\n"), ("echo.yml", Echo));
        Assert.Contains("to have at most 1000 keys, but it has 5000 (exceeded max depth)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepDataValueYamlIsAnError()
    {
        var options = new TemplateOptions();
        options.DataValues.AddKeyValue("k=" + new string('[', 100_000), asYaml: true, source: "--data-value-yaml");
        Assert.Contains("nesting deeper than 1000 levels", RenderError(options, ("echo.yml", Echo)), StringComparison.Ordinal);
    }

    [Fact]
    public void UnparsableDataValuesFileIsReportedAsYttReportsIt()
    {
        var options = new TemplateOptions();
        options.DataValues.AddPlainYaml("values.yml", "a: [\n");
        Assert.Equal(
            "Extracting data value from file:\n  Unmarshaling YAML data values file 'values.yml': yaml: line 1: did not find expected node content",
            RenderError(options, ("echo.yml", Echo)));
    }

    [Fact]
    public void InvalidUtf8InAYamlTemplateNamesTheFile()
    {
        var files = new List<InputFile> { new("bad.yml", [.. "a: "u8, 0xFF, (byte)'\n'], FileKind.YamlTemplate) };
        var e = Assert.Throws<TemplateException>(() => TemplateRenderer.Render(files, new TemplateOptions()));
        Assert.Equal("yaml: line 1: invalid leading UTF-8 octet", e.Message);
        Assert.Equal("bad.yml", e.UnparsableYamlFile);
    }

    [Theory]
    [InlineData("t.txt", FileKind.TextTemplate)]
    [InlineData("plain.yml", FileKind.YamlPlain)]
    public void InvalidUtf8InOtherTemplatesIsAnError(string name, FileKind kind)
    {
        var files = new List<InputFile> { new(name, [.. "a: 1\nb: "u8, 0xC3, 0x28, (byte)'\n'], kind) };
        var e = Assert.Throws<TemplateException>(() => TemplateRenderer.Render(files, new TemplateOptions()));
        Assert.Contains("line 2: invalid trailing UTF-8 octet", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Contains($"'{name}'", StringComparison.Ordinal) || e.UnparsableYamlFile == name, e.Message);
    }

    [Fact]
    public void InvalidUtf8InALoadedModuleIsAnError()
    {
        var files = new List<InputFile>
        {
            new("t.yml", Encoding.UTF8.GetBytes("#@ load(\"helpers.star\", \"x\")\na: #@ x\n"), FileKind.YamlTemplate),
            new("helpers.star", [.. "x = \""u8, 0xFF, (byte)'"', (byte)'\n'], FileKind.Starlark),
        };
        var e = Assert.ThrowsAny<Exception>(() => TemplateRenderer.Render(files, new TemplateOptions()));
        Assert.Contains("Reading template 'helpers.star': line 1: invalid leading UTF-8 octet", e.Message, StringComparison.Ordinal);
    }
}
