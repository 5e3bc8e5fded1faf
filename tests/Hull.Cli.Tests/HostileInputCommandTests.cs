namespace Hull.Cli.Tests;

/// <summary>
/// Hostile input through the whole `hull` process (a stack overflow would kill it with exit 134 or 139 and no message):
/// exit 1 and a short error naming what and where. Classes covered, each beside the next one added: deep Starlark
/// values and deep JSON text (template), unbounded recursion, invalid UTF-8 in templates, data values files and
/// `hull resolve` input.
/// </summary>
public sealed class HostileInputCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hull-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Hull(params string[] args) =>
        ChildProcess.Execute(Path.Combine(AppContext.BaseDirectory, "hull"), _dir, null, args);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

    private void Write(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(_dir, name), bytes);

    private static void FailsWith(string expected, (int Code, string Out, string Err) run, int maxLines = 1)
    {
        Assert.True(run.Code == 1, $"exit {run.Code}: {run.Err}");
        Assert.Equal("", run.Out);
        Assert.StartsWith("hull: error: ", run.Err, StringComparison.Ordinal);
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
        int lines = run.Err.TrimEnd('\n').Split('\n').Length;
        Assert.True(lines <= maxLines, $"{lines} lines:\n{run.Err}");
    }

    [Fact]
    public void DeepDictIsAnErrorNotACrash()
    {
        Write("t.yml", "#@ def mk():\n#@   d = {}\n#@   for i in range(40000):\n#@     d = {\"k\": d}\n#@   end\n#@   return d\n#@ end\na: #@ mk()\n");
        FailsWith("value nested too deeply to convert to YAML: exceeded max depth of 1000 levels", Hull("template", "-f", "t.yml"), maxLines: 4);
    }

    [Fact]
    public void DeepJsonIsAnErrorNotACrash()
    {
        Write("t.yml", "#@ load(\"@ytt:json\", \"json\")\na: #@ json.decode(\"[\" * 100000 + \"]\" * 100000)\n");
        FailsWith("json.decode: invalid character '[' exceeded max depth", Hull("template", "-f", "t.yml"), maxLines: 4);
    }

    [Fact]
    public void UnboundedRecursionPrintsAShortTraceback()
    {
        Write("t.yml", "#@ def f(n):\n#@   return f(n+1)\n#@ end\na: #@ f(0)\n");
        FailsWith("... 4981 frames omitted ...", Hull("template", "-f", "t.yml"), maxLines: 50);
    }

    [Fact]
    public void InvalidUtf8InATemplateIsRefused()
    {
        Write("t.yml", [.. "a: \""u8, 0xFF, 0xFE, (byte)'"', (byte)'\n']);
        FailsWith("hull: error: Unmarshaling YAML template 't.yml': yaml: line 1: invalid leading UTF-8 octet", Hull("template", "-f", "t.yml"));
    }

    [Fact]
    public void InvalidUtf8InADataValuesFileIsRefused()
    {
        Write("t.yml", "#@ load(\"@ytt:data\", \"data\")\na: #@ data.values\n");
        Write("schema.yml", "#@data/values\n---\nv: \"\"\n");
        Write("values.yml", [.. "v: \""u8, 0xE2, 0x82, (byte)'"', (byte)'\n']);
        FailsWith(
            "hull: error: Extracting data value from file:\n  Unmarshaling YAML data values file 'values.yml': yaml: line 1: invalid trailing UTF-8 octet",
            Hull("template", "-f", "t.yml", "-f", "schema.yml", "--data-values-file", "values.yml"),
            maxLines: 2);
    }

    [Fact]
    public void InvalidUtf8InResolveInputIsRefused()
    {
        Write("deploy.yml", [.. "image: nginx\n---\nimage: \"nginx"u8, 0xFF, (byte)'"', (byte)'\n']);
        FailsWith("hull: error: deploy.yml: yaml: line 3: invalid leading UTF-8 octet", Hull("resolve", "-f", "deploy.yml"));
    }
}
