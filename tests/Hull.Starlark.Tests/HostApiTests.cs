using Hull.Starlark;
using Hull.Starlark.Syntax;
using Hull.Starlark.Values;

namespace Hull.Starlark.Tests;

public sealed class HostApiTests
{
    private static StarlarkGlobals Run(string src, Dictionary<string, Value>? predeclared = null, StarlarkThread? thread = null, bool ytt = true) =>
        StarlarkProgram.ExecFile(thread ?? new StarlarkThread(), "test.star", src, predeclared ?? [], ytt ? ParseOptions.Ytt : ParseOptions.Standard);

    [Fact]
    public void YttBlockFormIgnoresIndentation()
    {
        var g = Run("""
            def labels(app, i):
            out = {}
            for c in range(3):
            if c == i:
            out["hit"] = c
            elif c > i:
              out["after"] = c
            else:
                  out["before"] = c
            end
            end
            return out
            end
            x = labels("a", 1)
            n = 0
            while n < 5:
            n += 1
            end
            """);
        Assert.Equal("{\"before\": 0, \"hit\": 1, \"after\": 2}", g["x"].Repr());
        Assert.Equal("5", g["n"].Repr());
    }

    [Fact]
    public void HostBuiltinReceivesArgumentsAndThreadLocals()
    {
        var thread = new StarlarkThread();
        thread.SetLocal("prefix", "p-");
        var fn = new BuiltinFunction("greet", (t, f, a, k) =>
            StringValue.Of((string)t.GetLocal("prefix")! + ((StringValue)a[0]).Value + (k?.FirstOrDefault().Value?.Str() ?? "")));
        var g = Run("x = greet('a', suffix='!')\n", new() { ["greet"] = fn }, thread);
        Assert.Equal("p-a!", ((StringValue)g["x"]).Value);
    }

    [Fact]
    public void CallsStarlarkFunctionFromHost()
    {
        var thread = new StarlarkThread();
        var g = Run("def add(a, b=10):\n  return a + b\nend\n", thread: thread);
        var r = thread.Call(g["add"], [IntValue.Of(1)], [new("b", IntValue.Of(2))]);
        Assert.Equal("3", r.Repr());
    }

    [Fact]
    public void LoadHookSuppliesModules()
    {
        var thread = new StarlarkThread
        {
            Load = (t, name) => StarlarkProgram.ExecFile(t, name, "def f():\n  return 'from ' + NAME\nend\n", new Dictionary<string, Value> { ["NAME"] = StringValue.Of(name) }, ParseOptions.Ytt),
        };
        var g = Run("load('lib.star', 'f', g='f')\nx = f() + '/' + g()\n", thread: thread);
        Assert.Equal("from lib.star/from lib.star", g["x"].Str());
    }

    [Fact]
    public void StepBudgetStopsInfiniteLoop()
    {
        var thread = new StarlarkThread { MaxSteps = 100_000 };
        var e = Assert.Throws<EvalException>(() => Run("def f():\n  while True:\n    x = 1\n  end\nend\nf()\n", thread: thread));
        Assert.Contains("too many steps", e.Msg);
    }

    [Fact]
    public void DeepRecursionFailsCleanly()
    {
        var thread = new StarlarkThread { MaxCallDepth = 200 };
        var e = Assert.Throws<EvalException>(() => Run("def f(n):\n  return f(n + 1)\nend\nf(0)\n", thread: thread));
        Assert.Contains("maximum recursion depth exceeded", e.Msg);
    }

    [Fact]
    public void UnboundedRecursionDoesNotCrashTheProcess()
    {
        var thread = new StarlarkThread { MaxCallDepth = int.MaxValue };
        var e = Assert.Throws<EvalException>(() => Run("def f(n):\n  return f(n + 1)\nend\nf(0)\n", thread: thread));
        Assert.Contains("maximum recursion depth exceeded", e.Msg);
    }

    [Fact]
    public void TracebackNamesEveryFrameWithSourceLines()
    {
        var e = Assert.Throws<EvalException>(() => Run("def inner(x):\n  return x + 'a'\nend\ndef outer():\n  return inner(1)\nend\nouter()\n"));
        Assert.Equal("unknown binary op: int + string", e.Msg);
        Assert.Equal(
            "Traceback (most recent call last):\n" +
            "  test.star:7:6: in <toplevel>\n    outer()\n" +
            "  test.star:5:15: in outer\n    return inner(1)\n" +
            "  test.star:2:12: in inner\n    return x + 'a'\n" +
            "Error: unknown binary op: int + string",
            e.Backtrace());
        Assert.Equal(new Position("test.star", 2, 12), e.Pos);
    }

    [Fact]
    public void SyntaxErrorsCarryPositions()
    {
        var e = Assert.Throws<SyntaxError>(() => Run("x = (1,\ny = 2\n", ytt: false));
        Assert.Equal("test.star", e.Pos.File);
        Assert.Equal(2, e.Pos.Line);
        Assert.StartsWith("test.star:2:3: got '=', want ')'", e.Message);
    }

    [Fact]
    public void GlobalsAreFrozenAfterExecution()
    {
        var thread = new StarlarkThread();
        var g = Run("xs = [1]\ndef add():\n  xs.append(2)\nend\n", thread: thread);
        var e = Assert.Throws<EvalException>(() => thread.Call(g["add"]));
        Assert.Contains("cannot append to frozen list", e.Msg);
    }

    [Fact]
    public void StringsAreByteIndexed()
    {
        var g = Run("s = 'héllo'\nn = len(s)\nb = s[1:3]\nc = s[2:]\n", ytt: false);
        Assert.Equal("6", g["n"].Repr());
        Assert.Equal("é", g["b"].Str());
        Assert.Equal("\"\\xa9llo\"", g["c"].Repr());
    }
}
