using System.Diagnostics;
using System.Text;
using Hull.Starlark.Syntax;
using Hull.Templating;
using Hull.Templating.Files;
using Hull.Templating.Yaml;

// Times the phases of rendering a template workload (template-workload.py output): YAML parse, template compilation,
// Starlark parse of the generated code, the whole render, and YAML emission. Usage: DIR [ROUNDS]
// Or, for a real configuration: `config ROUNDS FOLDER -f PATH... [-v KEY=VALUE...]` (paths relative to FOLDER) prints
// each round's time by phase (RenderTimings) and emission.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Hull.Templating.Benchmarks DIR [ROUNDS] | config ROUNDS FOLDER -f PATH... [-v KEY=VALUE...]");
    return 2;
}

if (args[0] == "config")
{
    for (var r = 0; r < int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture); r++)
    {
        var collector = new FileCollector();
        var options = new TemplateOptions { Timings = new RenderTimings() };
        for (var i = 3; i < args.Length; i += 2)
        {
            if (args[i] == "-f") collector.Add(Path.Combine(args[2], args[i + 1]), () => Stream.Null);
            else options.DataValues.AddKeyValue(args[i + 1], asYaml: false, source: "--data-value");
        }

        var total = Stopwatch.StartNew();
        var rendered = TemplateRenderer.Render(collector.Files, options);
        var emitStart = total.Elapsed;
        var text = rendered.CombinedYaml();
        var emitTime = total.Elapsed - emitStart;
        var phases = string.Join(", ", options.Timings.Phases.Select(p => $"{p.Phase} {p.Time.TotalMilliseconds:F0}"));
        Console.WriteLine($"round {r}: total {total.Elapsed.TotalMilliseconds:F0} ms: {phases}, emit {emitTime.TotalMilliseconds:F0} ({text.Length / 1024} KB), allocated {GC.GetTotalAllocatedBytes() >> 20} MB so far");
    }

    return 0;
}

var dir = args[0];
var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
var bigText = File.ReadAllText(Path.Combine(dir, "big.yml"));
var files = new List<InputFile>
{
    new("big.yml", File.ReadAllBytes(Path.Combine(dir, "big.yml")), FileKind.YamlTemplate),
    new("values.yml", File.ReadAllBytes(Path.Combine(dir, "values.yml")), FileKind.YamlTemplate),
};

for (var r = 0; r < rounds; r++)
{
    var sw = Stopwatch.StartNew();
    var a0 = GC.GetTotalAllocatedBytes();
    var set = YamlParsing.Parse("big.yml", bigText);
    var parse = sw.Elapsed.TotalMilliseconds;
    var a1 = GC.GetTotalAllocatedBytes();

    sw.Restart();
    var compiled = YamlTemplateCompiler.Compile("big.yml", bigText, set, new TemplateOptions());
    var compile = sw.Elapsed.TotalMilliseconds;
    var a2 = GC.GetTotalAllocatedBytes();

    sw.Restart();
    var code = compiled.CodeText;
    if (Environment.GetEnvironmentVariable("HULL_DUMP_CODE") is { Length: > 0 } dump)
    {
        File.WriteAllText(dump, code);
    }

    Parser.ParseFile("big.yml", code, ParseOptions.Ytt);
    var starParse = sw.Elapsed.TotalMilliseconds;
    var a3 = GC.GetTotalAllocatedBytes();

    sw.Restart();
    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var result = TemplateRenderer.Render(files, new TemplateOptions());
    var render = sw.Elapsed.TotalMilliseconds;
    var renderCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
    var a4 = GC.GetTotalAllocatedBytes();

    sw.Restart();
    var yaml = result.CombinedYaml();
    var emit = sw.Elapsed.TotalMilliseconds;
    var a5 = GC.GetTotalAllocatedBytes();
    Console.WriteLine($"allocated MB: parse {(a1 - a0) >> 20}, compile {(a2 - a1) >> 20}, starlark parse {(a3 - a2) >> 20}, render {(a4 - a3) >> 20}, emit {(a5 - a4) >> 20}");

    Console.WriteLine($"round {r}: parse {parse:F0} ms, compile {compile:F0} ms ({code.Length / 1024} KB code), starlark parse {starParse:F0} ms, render {render:F0} ms (cpu {renderCpu:F0} ms), emit {emit:F0} ms ({Encoding.UTF8.GetByteCount(yaml) / 1024} KB), gen2 {GC.CollectionCount(2)}");
}

return 0;
