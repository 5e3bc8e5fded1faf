using Hull.Cli;

namespace Hull.Cli.Tests;

/// <summary>`hull template`'s data values flags: sources, @lib: targets, inspection, schema export, validation.</summary>
public sealed class TemplateDataValuesCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hull-dv-" + Guid.NewGuid().ToString("N")[..8]);

    public TemplateDataValuesCommandTests() => Directory.CreateDirectory(_dir);

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

    private const string Schema = "#@data/values-schema\n---\nname: app\n#@schema/validation min=1\nreplicas: 1\ncert: \"\"\n";

    [Fact]
    public async Task DataValuesInspectAppliesFlagsInYttsOrder()
    {
        Write("config/schema.yml", Schema);
        var values = Write("values.yml", "name: from-file\nreplicas: 2\n");
        var cert = Write("cert.pem", "PEM");
        var (code, output, err) = await Run("template", "-f", Path.Combine(_dir, "config"), "--data-value-yaml", "replicas=3",
            "--data-value-file", "cert=" + cert, "-v", "name=from-flag", "--data-values-file", values, "--data-values-inspect");
        Assert.True(code == 0, err);
        Assert.Equal("name: from-flag\nreplicas: 3\ncert: PEM\n", output);
    }

    [Fact]
    public async Task SchemaInspectPrintsOpenApi()
    {
        Write("config/schema.yml", Schema);
        var (code, output, err) = await Run("template", "-f", Path.Combine(_dir, "config"), "--data-values-schema-inspect", "-o", "openapi-v3");
        Assert.True(code == 0, err);
        Assert.StartsWith("openapi: 3.0.0\ninfo:\n  version: 0.1.0\n", output);
        Assert.Contains("        replicas:\n          type: integer\n          default: 1\n", output);
        var (code2, _, err2) = await Run("template", "-f", Path.Combine(_dir, "config"), "--data-values-schema-inspect");
        Assert.Equal(1, code2);
        Assert.Contains("openapi-v3", err2);
    }

    [Fact]
    public async Task LibraryValuesFromFlagsWithTheAtPrefix()
    {
        Write("config/_ytt_lib/app/schema.yml", Schema);
        Write("config/_ytt_lib/app/t.yml", "#@ load(\"@ytt:data\", \"data\")\nname: #@ data.values.name\nreplicas: #@ data.values.replicas\n");
        Write("config/main.yml", "#@ load(\"@ytt:library\", \"library\")\n#@ load(\"@ytt:template\", \"template\")\n--- #@ template.replace(library.get(\"app\").eval())\n");
        var libValues = Write("lib-values.yml", "replicas: 4\n");
        var (code, output, err) = await Run("template", "-f", Path.Combine(_dir, "config"), "-v", "@app:name=lib", "--data-values-file", "@app:" + libValues);
        Assert.True(code == 0, err);
        Assert.Equal("name: lib\nreplicas: 4\n", output);
    }

    [Fact]
    public async Task BadValuesAreReportedTogetherAndValidationCanBeDisabled()
    {
        Write("config/schema.yml", Schema);
        var (code, _, err) = await Run("template", "-f", Path.Combine(_dir, "config"), "-v", "replicas=two", "--data-value-yaml", "nope=1");
        Assert.Equal(1, code);
        Assert.StartsWith("hull: error: Overlaying data values (in following order: additional data values): \nOne or more data values were invalid", err);
        Assert.Contains("(data-value arg):\n    |\n  1 | replicas=two\n    |\n\n    = found: string\n    = expected: integer (by schema.yml:5)\n    = path: replicas\n", err);
        Assert.Contains("(data-value-yaml arg):\n    |\n  1 | nope=1\n    |\n\n    = found: nope\n", err);

        var (code2, _, err2) = await Run("template", "-f", Path.Combine(_dir, "config"), "--data-value-yaml", "replicas=0");
        Assert.Equal(1, code2);
        Assert.Contains("Validating final data values:\n  replicas\n    from: (data-value-yaml arg):1\n    - must be: a value >= 1 (by: schema.yml:4)", err2);

        var (code3, output3, err3) = await Run("template", "-f", Path.Combine(_dir, "config"), "--data-value-yaml", "replicas=0", "--dangerous-data-values-disable-validation", "--data-values-inspect");
        Assert.True(code3 == 0, err3);
        Assert.Contains("replicas: 0", output3);
    }

    [Fact]
    public async Task DataValuesFileTakesADirectory()
    {
        Write("config/schema.yml", Schema);
        Write("vals/a.yml", "name: a\nreplicas: 2\n");
        Write("vals/b/c.yaml", "name: c\n");
        Write("vals/readme.txt", "not yaml");
        var (code, output, err) = await Run("template", "-f", Path.Combine(_dir, "config"), "--data-values-file", Path.Combine(_dir, "vals"), "--data-values-inspect");
        Assert.True(code == 0, err);
        Assert.Equal("name: c\nreplicas: 2\ncert: \"\"\n", output);
    }
}
