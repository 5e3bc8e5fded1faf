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

    internal static string SuiteRoot() => TestPaths.Shared("conformance", "starlark");

    private static readonly Lazy<Dictionary<string, Chunk>> s_chunks = new(() =>
        Files.SelectMany(f => Chunk.Read(SuiteRoot(), f)).ToDictionary(c => c.Name, StringComparer.Ordinal));

    private static readonly Lazy<Dictionary<string, string>> s_known = new(() =>
        KnownFailures.Load(Path.Combine(TestPaths.RepoRoot(), "tests", "Hull.Starlark.Tests", "Conformance", "known-failures.txt")));

    /// <summary>Every chunk of the suite by name (<c>file:line</c>), so one can be run and seen alone.</summary>
    public static TheoryData<string> ChunkNames()
    {
        var names = new TheoryData<string>();
        foreach (string name in s_chunks.Value.Keys)
            names.Add(name);
        return names;
    }

    // A chunk passes, or fails for the reason known-failures.txt gives; a listed chunk that passes fails the test.
    [Theory]
    [MemberData(nameof(ChunkNames))]
    public void ChunkBehavesAsExpected(string name)
    {
        var chunk = s_chunks.Value[name];
        string? error = null;
        var worker = new Thread(() => error = Run(SuiteRoot(), chunk), 256 * 1024 * 1024);
        worker.Start();
        worker.Join();
        if (s_known.Value.TryGetValue(name, out string? reason))
        {
            Assert.True(error is not null, $"{name} is in known-failures.txt but now passes: remove it");
            output.WriteLine($"known failure ({reason}): {error!.Split('\n')[0]}");
            return;
        }
        Assert.True(error is null, $"{name}: {error}");
    }

    [Fact]
    public void KnownFailuresNameChunksAndStayUnderFivePercent()
    {
        var unknown = s_known.Value.Keys.Where(n => !s_chunks.Value.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unknown.Count == 0, "known-failures.txt names chunks the suite does not have:\n" + string.Join("\n", unknown));
        int passed = s_chunks.Value.Count - s_known.Value.Count;
        Assert.True(passed * 100 >= s_chunks.Value.Count * 95, $"pass rate below 95%: {passed}/{s_chunks.Value.Count}");
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
