using Hull.Cli;

namespace Hull.Cli.Tests;

public sealed class TemplateCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hull-template-" + Guid.NewGuid().ToString("N")[..8]);

    public TemplateCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await HullApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string rel, string text)
    {
        var path = Path.Combine(_dir, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task RendersTemplatesWithDataValuesModulesAndFunctions()
    {
        Write("config/values.yml", "#@data/values\n---\nname: web\nreplicas: 2\n");
        Write("config/helpers.star", "def image(n):\n  return \"registry/\" + n\nend\n");
        Write("config/app.yml", """
            #@ load("@ytt:data", "data")
            #@ load("helpers.star", "image")
            #@ def labels():
            app: #@ data.values.name
            #@ end
            ---
            kind: Deployment
            metadata:
              labels: #@ labels()
            spec:
              replicas: #@ data.values.replicas
              containers:
              #@ for i in range(2):
              - image: #@ image(data.values.name) + ":" + str(i)
              #@ end

            """);

        var (code, output, err) = await Run("template", "-f", Path.Combine(_dir, "config"));

        Assert.True(code == 0, err);
        Assert.Equal("""
            kind: Deployment
            metadata:
              labels:
                app: web
            spec:
              replicas: 2
              containers:
              - image: registry/web:0
              - image: registry/web:1

            """, output);
    }

    [Fact]
    public async Task PrintsJson()
    {
        var file = Write("a.yml", "b: #@ 1 + 1\na: [x]\n---\nc: true\n");
        var (code, output, err) = await Run("template", "-f", file, "-o", "json");
        Assert.True(code == 0, err);
        Assert.Equal("{\"a\":[\"x\"],\"b\":2}{\"c\":true}", output);
    }

    [Fact]
    public async Task WritesOutputFilesOnlyWhenTheWholeRenderSucceeds()
    {
        Write("in/a.yml", "a: #@ 1\n");
        Write("in/notes.txt", "n = (@= str(1 + 2) @)\n");
        Write("in/data.json", "{}");
        var outDir = Path.Combine(_dir, "out");

        var (code, output, err) = await Run("template", "-f", Path.Combine(_dir, "in"), "--output-files", outDir);

        Assert.True(code == 0, err);
        Assert.Equal("a: 1\n", File.ReadAllText(Path.Combine(outDir, "a.yml")));
        Assert.Equal("n = 3\n", File.ReadAllText(Path.Combine(outDir, "notes.txt")));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(outDir, "data.json")));
        Assert.Contains("creating: ", output);

        Write("in/b.yml", "b: #@ fail(\"no\")\n");
        Write("in/a.yml", "a: #@ 2\n");
        (code, _, err) = await Run("template", "-f", Path.Combine(_dir, "in"), "--output-files", outDir);
        Assert.Equal(1, code);
        Assert.Contains("fail: no", err);
        Assert.Equal("a: 1\n", File.ReadAllText(Path.Combine(outDir, "a.yml")));
        Assert.False(File.Exists(Path.Combine(outDir, "b.yml")));
        Assert.Empty(Directory.GetDirectories(_dir, ".out.hull-*"));
    }

    [Fact]
    public async Task EmptiedOutputDirectoryHoldsOnlyTheNewFiles()
    {
        var file = Write("a.yml", "a: 1\n");
        var outDir = Path.Combine(_dir, "out");
        Write("out/stale.yml", "x: 1\n");

        var (code, _, err) = await Run("template", "-f", file, "--dangerous-emptied-output-directory", outDir);

        Assert.True(code == 0, err);
        Assert.Equal(new[] { "a.yml" }, Directory.GetFiles(outDir).Select(f => Path.GetFileName(f)).ToArray());
    }

    [Fact]
    public async Task FilesInspectListsInputs()
    {
        Write("d/b.yml", "b: 1\n");
        Write("d/a/c.star", "x = 1\n");
        var (code, output, _) = await Run("template", "-f", Path.Combine(_dir, "d"), "--files-inspect");
        Assert.Equal(0, code);
        Assert.Equal("a/c.star\nb.yml\n", output);
    }

    [Fact]
    public async Task FileMarkExcludesFiles()
    {
        Write("d/b.yml", "b: 1\n");
        Write("d/bad.yml", "b: #@ fail('x')\n");
        var (code, output, err) = await Run("template", "-f", Path.Combine(_dir, "d"), "--file-mark", "bad.yml:exclude=true");
        Assert.True(code == 0, err);
        Assert.Equal("b: 1\n", output);
    }

    [Theory]
    [InlineData("a: [1\n", "Unmarshaling YAML template 'bad.yml': yaml: line ")]
    [InlineData("#@ if True:\na: 1\n", "bad.yml:1")]
    [InlineData("#@ load(\"@ytt:nope\", \"x\")\na: 1\n", "builtin ytt library does not have module 'nope'")]
    [InlineData("a: #@ 1 + \"x\"\n", "bad.yml:1")]
    [InlineData("#@ x = 1\na: 1 # plain\n", "Compiling YAML template 'bad.yml'")]
    public async Task BadTemplatesFailWithFileAndLine(string template, string expected)
    {
        var file = Write("bad.yml", template);
        var (code, output, err) = await Run("template", "-f", file);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("hull: error: ", err);
        Assert.Contains(expected, err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task UnknownOutputTypeIsAUsageError()
    {
        var file = Write("a.yml", "a: 1\n");
        var (code, _, err) = await Run("template", "-f", file, "-o", "xml");
        Assert.Equal(2, code);
        Assert.Contains("xml", err);
    }

    [Fact]
    public async Task ImplicitMapKeyOverridesAndIgnoreUnknownComments()
    {
        // A template (it has `#@`): plain comments and repeated keys are errors without the flags.
        var file = Write("a.yml", "#@ x = 1\n# plain comment\na: 1\na: 2\n");
        var (code, _, _) = await Run("template", "-f", file);
        Assert.Equal(1, code);
        var (code2, output, err) = await Run("template", "-f", file, "--ignore-unknown-comments", "--implicit-map-key-overrides");
        Assert.True(code2 == 0, err);
        Assert.Equal("a: 2\n", output);
    }

    [Fact]
    public async Task StrictRefusesAmbiguousScalars()
    {
        var file = Write("a.yml", "enabled: yes\n");
        var (code, output, _) = await Run("template", "-f", file);
        Assert.Equal(0, code);
        Assert.Equal("enabled: true\n", output);
        var (strictCode, _, err) = await Run("template", "-f", file, "--strict");
        Assert.Equal(1, strictCode);
        Assert.Contains("Unmarshaling YAML template 'a.yml': yaml:\n  Strict parsing:\n    Found 'yes' ambigious", err);
    }
}
