using System.Diagnostics;
using Hull.Starlark;
using Hull.Starlark.Syntax;
using Hull.Starlark.Values;

// Console harness for the Starlark workloads of ../shared/bench/starlark-workload.yml, written as plain Starlark
// in ytt's block form. Usage:
//   Hull.Starlark.Benchmarks [fib|loop|fmt|dicts|all] [--runs N]   time workloads in this process
//   Hull.Starlark.Benchmarks run FILE.star [--ytt]                  execute a file and print its globals
const string Source = """
def fib(n):
  return n if n < 2 else fib(n-1) + fib(n-2)
end
def loop():
  xs = []
  for i in range(1000000):
    xs.append(i)
  end
  return len(xs)
end
def fmt():
  out = []
  for i in range(100000):
    out.append("%s-%d" % ("x", i))
    out.append("{}-{}".format("y", i))
  end
  return len(out)
end
def dicts():
  d = {}
  for i in range(100000):
    d[str(i)] = i
  end
  s = 0
  for i in range(100000):
    s += d[str(i)]
  end
  return s
end
""";

var argv = args.ToList();
if (argv.Count >= 2 && argv[0] == "run")
{
    var thread = new StarlarkThread { Print = (_, s) => Console.WriteLine(s) };
    try
    {
        var g = StarlarkProgram.ExecFile(thread, argv[1], File.ReadAllText(argv[1]), null, argv.Contains("--ytt") ? ParseOptions.Ytt : null);
        foreach (var kv in g) Console.WriteLine($"{kv.Key} = {kv.Value.Repr()}");
    }
    catch (EvalException e)
    {
        Console.Error.WriteLine(e.Backtrace());
        return 1;
    }
    catch (StarlarkException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
    return 0;
}

int runs = 1;
int ri = argv.IndexOf("--runs");
if (ri >= 0)
{
    runs = int.Parse(argv[ri + 1]);
    argv.RemoveRange(ri, 2);
}
string which = argv.Count > 0 ? argv[0] : "all";
string[] names = which == "all" ? ["fib", "loop", "fmt", "dicts"] : [which];
var calls = new Dictionary<string, string> { ["fib"] = "fib(25)", ["loop"] = "loop()", ["fmt"] = "fmt()", ["dicts"] = "dicts()" };

foreach (var name in names)
{
    var times = new List<double>();
    var cpu = new List<double>();
    string result = "";
    int gc0 = GC.CollectionCount(0), gc1 = GC.CollectionCount(1), gc2 = GC.CollectionCount(2);
    for (int r = 0; r < runs; r++)
    {
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var thread = new StarlarkThread();
        var program = StarlarkProgram.Compile("bench.star", Source + "\nresult = " + calls[name] + "\n", null, ParseOptions.Ytt);
        var g = program.Execute(thread);
        result = g["result"].Repr();
        sw.Stop();
        times.Add(sw.Elapsed.TotalMilliseconds);
        cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
    }
    times.Sort();
    cpu.Sort();
    Console.WriteLine($"{name}: result={result} median={times[times.Count / 2]:F1} ms (cpu {cpu[cpu.Count / 2]:F1} ms) runs={runs} min={times[0]:F1} ms " +
        $"gc0={GC.CollectionCount(0) - gc0} gc1={GC.CollectionCount(1) - gc1} gc2={GC.CollectionCount(2) - gc2}");
}
return 0;
