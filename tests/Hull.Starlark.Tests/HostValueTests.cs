using System.Text;
using Hull.Starlark;
using Hull.Starlark.Syntax;
using Hull.Starlark.Values;

namespace Hull.Starlark.Tests;

public sealed class HostValueTests
{
    /// <summary>A host value exercising the attribute, mapping, index, iteration and call hooks.</summary>
    private sealed class Doc : Value, IHasSetField, IMapping, IIndexable, IIterable, ICallable, IContainer
    {
        private readonly Dictionary<string, Value> _fields = new() { ["kind"] = StringValue.Of("Deployment") };
        private readonly Value[] _items = [IntValue.Of(10), IntValue.Of(20)];

        public override string Type => "doc";
        public string Name => "doc";
        public Value? GetAttr(string name) => _fields.GetValueOrDefault(name);
        public IEnumerable<string> AttrNames => _fields.Keys;
        public void SetField(string name, Value value) => _fields[name] = value;
        public Value? Get(Value key) => key is StringValue s ? _fields.GetValueOrDefault(s.Value) : null;
        public int Len => _items.Length;
        public Value Index(int i) => _items[i];
        public IEnumerable<Value> Iterate() => _items;
        public bool Contains(Value y) => y is StringValue s && _fields.ContainsKey(s.Value);
        public Value Call(StarlarkThread thread, Value[] args, KeyValuePair<string, Value>[]? kwargs) => IntValue.Of(args.Length);
        public override void WriteRepr(StringBuilder sb) => sb.Append("doc()");
    }

    private static StarlarkGlobals Run(string src, Dictionary<string, Value> predeclared, StarlarkThread? thread = null) =>
        StarlarkProgram.ExecFile(thread ?? new StarlarkThread(), "host.star", src, predeclared, ParseOptions.Ytt);

    [Fact]
    public void HostValueHooksAreUsedByTheLanguage()
    {
        var g = Run("""
            d.replicas = 3
            a = d.kind
            b = d["replicas"]
            c = d[1]
            e = [x * 2 for x in d]
            f = d(1, 2, 3)
            h = "kind" in d
            i = len(d)
            j = str(d)
            k = dir(d)
            """, new() { ["d"] = new Doc() });
        Assert.Equal("\"Deployment\"", g["a"].Repr());
        Assert.Equal("3", g["b"].Repr());
        Assert.Equal("20", g["c"].Repr());
        Assert.Equal("[20, 40]", g["e"].Repr());
        Assert.Equal("3", g["f"].Repr());
        Assert.Equal("True", g["h"].Repr());
        Assert.Equal("2", g["i"].Repr());
        Assert.Equal("doc()", g["j"].Str());
        Assert.Equal("[\"kind\", \"replicas\"]", g["k"].Repr());
    }

    [Fact]
    public void MissingHostAttributeSuggestsNearName()
    {
        var e = Assert.Throws<EvalException>(() => Run("x = d.knd\n", new() { ["d"] = new Doc() }));
        Assert.Equal("doc has no .knd field or method (did you mean .kind?)", e.Msg);
    }

    [Fact]
    public void StructAndModuleValues()
    {
        var mod = new ModuleValue("struct", new Dictionary<string, Value>
        {
            ["make"] = new BuiltinFunction("make", (t, fn, a, k) => new StructValue(k ?? [])),
        });
        var g = Run("s = struct.make(b=2, a=1)\nx = s.a + s.b\nr = repr(s)\nm = str(struct)\n", new() { ["struct"] = mod });
        Assert.Equal("3", g["x"].Repr());
        Assert.Equal("struct(a = 1, b = 2)", g["r"].Str());
        Assert.Equal("<module \"struct\">", g["m"].Str());
    }

    [Fact]
    public void ErrorsInBuiltinsPointAtTheCall()
    {
        var fail = new BuiltinFunction("boom", (t, fn, a, k) => throw new EvalException("boom: bad input"));
        var e = Assert.Throws<EvalException>(() => Run("def f():\n  return boom()\nend\nf()\n", new() { ["boom"] = fail }));
        Assert.Equal("boom: bad input", e.Msg);
        Assert.Equal(new Position("host.star", 2, 14), e.Pos);
        Assert.Equal(["<toplevel>", "f"], e.Frames.Select(f => f.Function).ToArray());
    }

    [Fact]
    public void FailBuiltinMessage()
    {
        var e = Assert.Throws<EvalException>(() => Run("fail('x is', 1)\n", []));
        Assert.Equal("fail: x is 1", e.Msg);
    }

    [Fact]
    public void PrintGoesToTheHook()
    {
        var lines = new List<string>();
        Run("print('a', 1, [2])\n", [], new StarlarkThread { Print = (_, s) => lines.Add(s) });
        Assert.Equal(["a 1 [2]"], lines);
    }

    [Fact]
    public void CancelStopsExecution()
    {
        var thread = new StarlarkThread();
        var stop = new BuiltinFunction("stop", (t, fn, a, k) =>
        {
            t.Cancel("timeout");
            return NoneValue.None;
        });
        var e = Assert.Throws<EvalException>(() => Run("stop()\nfor i in range(10):\n  x = i\nend\n", new() { ["stop"] = stop }, thread));
        Assert.Equal("Starlark computation cancelled: timeout", e.Msg);
    }

    [Fact]
    public void EvalExpressionReturnsValue()
    {
        var v = StarlarkProgram.EvalExpression(new StarlarkThread(), "expr", "x * 2 + len('abc')", new Dictionary<string, Value> { ["x"] = IntValue.Of(4) });
        Assert.Equal("11", v.Repr());
    }

    [Fact]
    public void MissingEndIsASyntaxErrorWithPosition()
    {
        var e = Assert.Throws<SyntaxError>(() => Run("def f():\n  x = 1\n", []));
        Assert.Equal("got end of file, want end", e.Msg);
        Assert.Equal(3, e.Pos.Line);
    }

    [Fact]
    public void UndefinedNameIsAResolveError()
    {
        var e = Assert.Throws<Resolve.ResolveErrors>(() => Run("x = lenn([])\n", []));
        Assert.Equal("host.star:1:5: undefined: lenn (did you mean len?)", e.Errors[0].Message);
    }

    [Fact]
    public void MutatingAListWhileIteratingFails()
    {
        var e = Assert.Throws<EvalException>(() => Run("def f():\n  xs = [1, 2]\n  for x in xs:\n    xs.append(x)\n  end\nend\nf()\n", []));
        Assert.Equal("append: cannot append to list during iteration", e.Msg);
    }

    [Fact]
    public void BigIntegersAndFloats()
    {
        var g = Run("a = 1 << 100\nb = a // 3\nc = 7 / 2\nd = -7 // 2\ne = str(0.1 + 0.2)\n", []);
        Assert.Equal("1267650600228229401496703205376", g["a"].Repr());
        Assert.Equal("422550200076076467165567735125", g["b"].Repr());
        Assert.Equal("3.5", g["c"].Repr());
        Assert.Equal("-4", g["d"].Repr());
        Assert.Equal("0.3", g["e"].Str());
    }
}
