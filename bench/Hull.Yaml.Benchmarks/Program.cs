using System.Diagnostics;
using System.Text;
using Hull.Yaml;

// Usage: Hull.Yaml.Benchmarks TEMPLATE.yml [DOCS]
//   TEMPLATE.yml: a template such as big.yml from ../shared/bench/template-workload.py (parsed with comments).
//   DOCS: how many rendered Deployments to synthesise for the parse/emit of plain output (default 2000).
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Hull.Yaml.Benchmarks TEMPLATE.yml [DOCS]");
    return 2;
}

var template = File.ReadAllText(args[0]);
var docs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000;
var rendered = Rendered(docs);

var sw = Stopwatch.StartNew();
var cold = YamlParser.Parse(template, "big.yml");
var coldTemplate = sw.Elapsed.TotalMilliseconds;
sw.Restart();
var coldSet = YamlParser.Parse(rendered, "out.yml", new YamlParseOptions { WithoutComments = true });
var coldParse = sw.Elapsed.TotalMilliseconds;
sw.Restart();
var coldOut = YamlEmitter.EmitDocuments(coldSet.Items);
var coldEmit = sw.Elapsed.TotalMilliseconds;
if (coldOut != rendered)
{
    Console.Error.WriteLine("round trip differs from the synthesised output");
    return 1;
}

Console.WriteLine($"cold: template parse {coldTemplate:F1} ms ({cold.Items.Count} docs, {template.Length / 1024} KiB); output parse {coldParse:F1} ms; output emit {coldEmit:F1} ms ({docs} docs, {rendered.Length / 1024} KiB)");

const int runs = 15;
var proc = Process.GetCurrentProcess();
double Cpu()
{
    proc.Refresh();
    return proc.TotalProcessorTime.TotalMilliseconds;
}

var cTemplate = new List<double>();
var cParse = new List<double>();
var cEmit = new List<double>();
var tTemplate = new List<double>();
var tParse = new List<double>();
var tEmit = new List<double>();
var tJson = new List<double>();
for (var i = 0; i < runs; i++)
{
    var c0 = Cpu();
    sw.Restart();
    YamlParser.Parse(template, "big.yml");
    tTemplate.Add(sw.Elapsed.TotalMilliseconds);
    var c1 = Cpu();
    sw.Restart();
    var set = YamlParser.Parse(rendered, "out.yml", new YamlParseOptions { WithoutComments = true });
    tParse.Add(sw.Elapsed.TotalMilliseconds);
    var c2 = Cpu();
    sw.Restart();
    YamlEmitter.EmitDocuments(set.Items);
    tEmit.Add(sw.Elapsed.TotalMilliseconds);
    var c3 = Cpu();
    cTemplate.Add(c1 - c0);
    cParse.Add(c2 - c1);
    cEmit.Add(c3 - c2);
    sw.Restart();
    JsonEmitter.EmitDocuments(set.Items);
    tJson.Add(sw.Elapsed.TotalMilliseconds);
}

static double Median(List<double> xs)
{
    xs.Sort();
    return xs[xs.Count / 2];
}

Console.WriteLine($"warm (median of {runs}): template parse {Median(tTemplate):F1} ms; output parse {Median(tParse):F1} ms; output emit {Median(tEmit):F1} ms; json emit {Median(tJson):F1} ms");
Console.WriteLine($"warm CPU time (median of {runs}, all threads incl. GC): template parse {Median(cTemplate):F0} ms; output parse {Median(cParse):F0} ms; output emit {Median(cEmit):F0} ms");
Console.WriteLine($"throughput: template parse {template.Length / 1048576.0 / (Median(tTemplate) / 1000):F1} MiB/s; output emit {rendered.Length / 1048576.0 / (Median(tEmit) / 1000):F1} MiB/s");
return 0;

// What rendering big.yml produces: one Deployment per document, three containers each with env entries.
static string Rendered(int n)
{
    var sb = new StringBuilder();
    for (var i = 0; i < n; i++)
    {
        if (i > 0)
        {
            sb.Append("---\n");
        }

        sb.Append("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n");
        sb.Append("  name: svc-").Append(i).Append("\n  namespace: prod\n  labels:\n");
        sb.Append("    app: svc-").Append(i).Append("\n    tier: tier-").Append(i % 3).Append("\n    version: \"1.2\"\n");
        sb.Append("spec:\n  replicas: ").Append((i % 5) + 1).Append("\n  template:\n    spec:\n      containers:\n");
        for (var c = 0; c < 3; c++)
        {
            sb.Append("      - name: c").Append(c).Append('\n');
            sb.Append("        image: registry.example.com/svc-").Append(i).Append(":1.2\n        env:\n");
            foreach (var k in new[] { "LOG_LEVEL", "REGION", "FEATURE_X" })
            {
                sb.Append("        - name: ").Append(k).Append("\n          value: v-").Append(c).Append('\n');
            }
        }
    }

    return sb.ToString();
}
