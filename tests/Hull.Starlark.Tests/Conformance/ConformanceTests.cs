using System.Text.RegularExpressions;
using Hull.Starlark;
using Hull.Starlark.Resolve;
using Hull.Starlark.Syntax;
using Xunit.Abstractions;

namespace Hull.Starlark.Tests.Conformance;

public sealed class ConformanceTests(ITestOutputHelper output)
{
    private static readonly string[] Files =
    [
        "syntax/testdata/scan.star",
        "syntax/testdata/errors.star",
        "resolve/testdata/resolve.star",
        "starlark/testdata/assign.star",
        "starlark/testdata/benchmark.star",
        "starlark/testdata/bool.star",
        "starlark/testdata/builtins.star",
        "starlark/testdata/control.star",
        "starlark/testdata/dict.star",
        "starlark/testdata/float.star",
        "starlark/testdata/function.star",
        "starlark/testdata/int.star",
        "starlark/testdata/list.star",
        "starlark/testdata/misc.star",
        "starlark/testdata/module.star",
        "starlark/testdata/paths.star",
        "starlark/testdata/recursion.star",
        "starlark/testdata/set.star",
        "starlark/testdata/string.star",
        "starlark/testdata/tuple.star",
        "starlarkstruct/testdata/struct.star",
    ];

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Hull.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Hull.sln) not found");
    }

    internal static string SuiteRoot() => Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "conformance", "starlark"));

    [Fact]
    public void AllChunksPassExceptKnownFailures()
    {
        string root = SuiteRoot();
        var known = KnownFailures.Load(Path.Combine(RepoRoot(), "tests", "Hull.Starlark.Tests", "Conformance", "known-failures.txt"));
        var chunks = Files.SelectMany(f => Chunk.Read(root, f)).ToList();
        var failures = new Dictionary<string, string>();
        var worker = new Thread(() =>
        {
            foreach (var c in chunks)
            {
                string? err = Run(root, c);
                if (err != null) failures[c.Name] = err;
            }
        }, 256 * 1024 * 1024);
        worker.Start();
        worker.Join();

        int passed = chunks.Count - failures.Count;
        output.WriteLine($"starlark conformance: {passed}/{chunks.Count} chunks pass ({100.0 * passed / chunks.Count:F1}%)");
        foreach (var (name, err) in failures.OrderBy(kv => kv.Key))
            output.WriteLine($"FAIL {name}: {err.Split('\n')[0]}");

        var regressions = failures.Keys.Where(n => !known.ContainsKey(n)).OrderBy(n => n).ToList();
        var fixedNow = known.Keys.Where(n => !failures.ContainsKey(n)).OrderBy(n => n).ToList();
        Assert.True(regressions.Count == 0, "chunks failing that are not in known-failures.txt:\n" +
            string.Join("\n", regressions.Select(n => $"{n}: {failures[n]}")));
        Assert.True(fixedNow.Count == 0, "chunks in known-failures.txt that now pass (remove them):\n" + string.Join("\n", fixedNow));
        Assert.True(passed * 100 >= chunks.Count * 95, $"pass rate below 95%: {passed}/{chunks.Count}");
    }

    private static DialectOptions Dialect(Chunk c) => new()
    {
        AllowFloat = c.Options.Contains("float"),
        AllowSet = c.Options.Contains("set"),
        AllowLambda = c.Options.Contains("lambda") || c.Kind != "resolve",
        AllowNestedDef = c.Options.Contains("nesteddef") || c.Kind != "resolve",
        AllowRecursion = c.Options.Contains("recursion"),
        AllowGlobalReassign = c.Options.Contains("globalreassign"),
    };

    // Returns null when the chunk behaves as expected, else a description of the difference.
    internal static string? Run(string root, Chunk c)
    {
        var errors = new List<(int Line, string Msg)>();
        var host = new ConformanceHost(Path.Combine(root, "starlarktest", "assert.star"));
        try
        {
            switch (c.Kind)
            {
                case "syntax":
                    Parser.ParseFile(c.File, c.Source);
                    break;
                case "resolve":
                    {
                        var file = Parser.ParseFile(c.File, c.Source);
                        Resolver.ResolveFile(file, n => n is "M" or "U", Builtins.Universe.Contains, Dialect(c));
                        break;
                    }
                default:
                    {
                        var thread = new StarlarkThread { Load = host.Load, Print = (_, _) => { } };
                        var program = StarlarkProgram.Compile(c.File, c.Source, ConformanceHost.ChunkPredeclared, null, Dialect(c));
                        program.Execute(thread, host.ChunkEnv());
                        break;
                    }
            }
        }
        catch (SyntaxError e)
        {
            errors.Add((e.Pos.Line, e.Msg));
        }
        catch (ResolveErrors e)
        {
            errors.AddRange(e.Errors.Select(x => (x.Pos.Line, x.Msg)));
        }
        catch (EvalException e)
        {
            errors.Add((e.Pos?.Line ?? 0, e.Msg));
        }
        catch (Exception e)
        {
            return "crash: " + e;
        }
        if (host.Reported.Count > 0) return "assertion failed: " + string.Join(" | ", host.Reported);
        if (c.Expected.Count == 0)
        {
            return errors.Count == 0 ? null : $"unexpected error at line {errors[0].Line}: {errors[0].Msg}";
        }
        if (errors.Count == 0) return $"expected error at line {c.Expected[0].Line} matching {c.Expected[0].Pattern}, got none";
        foreach (var (line, pattern) in c.Expected)
        {
            if (!errors.Any(e => e.Line == line && Regex.IsMatch(e.Msg, pattern)))
                return $"expected error at line {line} matching `{pattern}`, got: " + string.Join(" | ", errors.Select(e => $"{e.Line}: {e.Msg}"));
        }
        foreach (var e in errors)
        {
            if (!c.Expected.Any(x => x.Line == e.Line))
                return $"unexpected error at line {e.Line}: {e.Msg}";
        }
        return null;
    }
}

internal static class KnownFailures
{
    public static Dictionary<string, string> Load(string path)
    {
        var d = new Dictionary<string, string>();
        if (!File.Exists(path)) return d;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int sp = line.IndexOf(' ');
            d[sp < 0 ? line : line[..sp]] = sp < 0 ? "" : line[(sp + 1)..].Trim();
        }
        return d;
    }
}
