using Hull.Starlark.Syntax;
using Hull.Starlark.Values;

namespace Hull.Starlark.Tests;

/// <summary>
/// Programs meant to exhaust the stack fail with an ordinary error, never a stack overflow (which kills the process
/// without a message). Classes covered, each beside the next one added: deeply nested source (expressions, blocks);
/// values nested deeper than <see cref="ValueDepth.MaxDepth"/> printed (str, repr, %s; list, dict, tuple, set, struct),
/// hashed (tuple and struct keys), frozen (module globals, closure chains); comparison of deep values; unbounded
/// recursion, with its traceback shortened to the outermost and innermost frames.
/// </summary>
public sealed class HostileInputTests
{
    private const string Deep = """
        def deep(n, kind):
          d = 1
          for i in range(n):
            if kind == "list":
              d = [d]
            elif kind == "dict":
              d = {"k": d}
            elif kind == "tuple":
              d = (d,)
            elif kind == "struct":
              d = mk(k=d)
            elif kind == "closure":
              d = (lambda h: lambda: h)(d)
            end
          end
          return d
        end

        """;

    private static readonly Dictionary<string, Value> s_predeclared = new()
    {
        ["mk"] = new BuiltinFunction("mk", (_, _, _, kwargs) => new StructValue(kwargs ?? [])),
    };

    private static StarlarkGlobals Run(string src, StarlarkThread? thread = null) =>
        EvaluationStack.Run(() => StarlarkProgram.ExecFile(thread ?? new StarlarkThread(), "deep.star", Deep + src, s_predeclared, ParseOptions.Ytt));

    private static EvalException Fails(string src, StarlarkThread? thread = null) => Assert.Throws<EvalException>(() => Run(src, thread));

    [Theory]
    [InlineData("list", "y = str(deep(40000, 'list'))")]
    [InlineData("dict", "y = repr(deep(40000, 'dict'))")]
    [InlineData("tuple", "y = '%s' % (deep(40000, 'tuple'),)")]
    [InlineData("struct", "y = str(deep(40000, 'struct'))")]
    [InlineData("set", "y = str(set([deep(1000, 'tuple')]))")]
    public void PrintingDeepValuesIsAnError(string kind, string src)
    {
        var e = Fails(src);
        Assert.True(e.Msg == "value nested too deeply to print: exceeded max depth of 1000 levels", kind + ": " + e.Msg);
    }

    [Theory]
    [InlineData("y = {deep(40000, 'tuple'): 1}")]
    [InlineData("y = {deep(40000, 'struct'): 1}")]
    public void HashingDeepValuesIsAnError(string src) =>
        Assert.Equal("value nested too deeply to hash: exceeded max depth of 1000 levels", Fails(src).Msg);

    [Theory]
    [InlineData("g = deep(40000, 'dict')")]
    [InlineData("g = deep(40000, 'list')")]
    [InlineData("g = deep(40000, 'closure')")]
    [InlineData("g = deep(40000, 'struct')")]
    public void FreezingDeepGlobalsIsAnError(string src) =>
        Assert.Equal("value nested too deeply to freeze: exceeded max depth of 1000 levels", Fails(src).Msg);

    [Fact]
    public void ValuesJustUnderTheLimitPrintHashAndFreeze()
    {
        var g = Run("s = str(deep(999, 'list'))\nh = {deep(999, 'tuple'): 1}\nd = deep(999, 'dict')\n");
        Assert.StartsWith(new string('[', 999) + "1]", ((StringValue)g["s"]).Value);
    }

    [Fact]
    public void AFailedWalkLeavesTheDepthCountBalanced()
    {
        var thread = new StarlarkThread();
        for (int i = 0; i < 3; i++) Fails("y = str(deep(5000, 'dict'))", thread);
        // Were the count left raised by the failures, this would fail at a depth well under the limit.
        var g = Run("s = str(deep(990, 'dict'))", thread);
        Assert.EndsWith("1" + new string('}', 990), ((StringValue)g["s"]).Value);
    }

    [Fact]
    public void ComparingDeepValuesIsAnError() =>
        Assert.Equal("comparison exceeded maximum recursion depth", Fails("y = deep(40000, 'list') == deep(40000, 'list')").Msg);

    [Fact]
    public void UnboundedRecursionStopsAtTheCallDepthWithAShortTraceback()
    {
        var e = Fails("def f(n):\n  return f(n + 1)\nend\nx = f(0)\n");
        Assert.Equal("maximum recursion depth exceeded (5000 nested calls)", e.Msg);
        Assert.Equal(5001, e.Frames.Count);
        var lines = e.Backtrace().Split('\n');
        Assert.Equal("Traceback (most recent call last):", lines[0]);
        Assert.StartsWith("  deep.star:", lines[1]);
        Assert.EndsWith(": in <toplevel>", lines[1]);
        Assert.Contains("  ... 4981 frames omitted ...", lines);
        Assert.Equal(1 + 2 * 2 * TracebackElision.FramesAtEachEnd + 1 + 1, lines.Length);
        Assert.EndsWith(": in f", lines[^3]);
        Assert.Equal("Error: maximum recursion depth exceeded (5000 nested calls)", lines[^1]);
    }

    [Fact]
    public void ShortTracebacksKeepEveryFrame()
    {
        var e = Fails("def f(n):\n  return 1 // 0 if n == 0 else f(n - 1)\nend\nx = f(19)\n");
        Assert.Equal(21, e.Frames.Count);
        Assert.DoesNotContain("omitted", e.Backtrace());
    }

    [Theory]
    [InlineData(100_000, "1 + ")]
    [InlineData(100_000, "(")]
    [InlineData(100_000, "-")]
    [InlineData(100_000, "not ")]
    [InlineData(50_000, "x.y")]
    public void DeeplyNestedInputIsRejectedWithoutCrashing(int n, string piece)
    {
        string src = "x = " + string.Concat(Enumerable.Repeat(piece, n)) + "1\n";
        var e = Assert.ThrowsAny<StarlarkException>(() => StarlarkProgram.Compile("deep.star", src));
        Assert.Contains("deep.star:1:", e.Message);
    }

    [Fact]
    public void DeeplyNestedBlocksAreRejected()
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < 5000; i++) sb.Append("if True:\n");
        sb.Append("x = 1\n");
        for (int i = 0; i < 5000; i++) sb.Append("end\n");
        Assert.ThrowsAny<StarlarkException>(() => StarlarkProgram.Compile("deep.star", sb.ToString(), null, ParseOptions.Ytt));
    }
}
