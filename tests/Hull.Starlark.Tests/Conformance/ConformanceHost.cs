using System.Text;
using System.Text.RegularExpressions;
using Hull.Starlark;
using Hull.Starlark.Values;

namespace Hull.Starlark.Tests.Conformance;

/// <summary>The predeclared environment the upstream conformance harness provides.</summary>
internal sealed class ConformanceHost
{
    private readonly string _assertPath;
    private StarlarkGlobals? _assert;

    public ConformanceHost(string assertPath) => _assertPath = assertPath;

    public List<string> Reported { get; } = [];

    public static readonly string[] ChunkPredeclared = ["struct", "gensym", "hasfields", "fibonacci"];

    public Dictionary<string, Value> ChunkEnv() => new()
    {
        ["struct"] = new BuiltinFunction("struct", (t, fn, a, k) =>
        {
            if (a.Length > 0) throw new EvalException("struct: unexpected positional arguments");
            return new StructValue(k ?? []);
        }),
        ["gensym"] = new BuiltinFunction("gensym", (t, fn, a, k) =>
        {
            var p = Builtins.Args.Unpack("gensym", a, k, "name");
            return new SymbolValue(Builtins.Args.Str("gensym", "name", p[0]!));
        }),
        ["hasfields"] = new BuiltinFunction("hasfields", (t, fn, a, k) => new HasFields()),
        ["fibonacci"] = new Fibonacci(),
    };

    public IReadOnlyDictionary<string, Value> Load(StarlarkThread thread, string module)
    {
        if (module != "assert.star") throw new EvalException($"no such module: {module}");
        if (_assert != null) return _assert;
        var env = new Dictionary<string, Value>
        {
            ["error"] = new BuiltinFunction("error", (t, fn, a, k) =>
            {
                Reported.Add(string.Join(" ", a.Select(x => x.Str())));
                return NoneValue.None;
            }),
            ["catch"] = new BuiltinFunction("catch", (t, fn, a, k) =>
            {
                try
                {
                    t.Call(a[0]);
                    return NoneValue.None;
                }
                catch (EvalException e)
                {
                    return StringValue.Of(e.Msg);
                }
            }),
            ["matches"] = new BuiltinFunction("matches", (t, fn, a, k) =>
                BoolValue.Of(Regex.IsMatch(a[1].Str(), ((StringValue)a[0]).Value))),
            ["module"] = new BuiltinFunction("module", (t, fn, a, k) =>
                new ModuleValue(((StringValue)a[0]).Value, k ?? [])),
            ["_freeze"] = new BuiltinFunction("freeze", (t, fn, a, k) =>
            {
                a[0].Freeze();
                return a[0];
            }),
        };
        var src = File.ReadAllText(_assertPath);
        _assert = StarlarkProgram.ExecFile(thread, "assert.star", src, env);
        return _assert;
    }
}

/// <summary>An application-defined value with settable fields, like eval_test.go's hasfields.</summary>
internal sealed class HasFields : Value, IHasSetField, IHasBinary
{
    private readonly SortedDictionary<string, Value> _fields = new(StringComparer.Ordinal);
    private bool _frozen;

    public override string Type => "hasfields";

    public override void Freeze() => _frozen = true;

    public Value? GetAttr(string name) => _fields.GetValueOrDefault(name);

    public IEnumerable<string> AttrNames => _fields.Keys;

    public void SetField(string name, Value value)
    {
        if (_frozen) throw new EvalException("cannot set field on a frozen hasfields");
        if (name.StartsWith("no", StringComparison.Ordinal))
        {
            string msg = $"hasfields has no .{name} field or method";
            if (Resolve.Spelling.Nearest(name, _fields.Keys) is { } near) msg += $" (did you mean .{near}?)";
            throw new EvalException(msg);
        }
        _fields[name] = value;
    }

    public Value? Binary(Syntax.TokenKind op, Value other, bool thisOnLeft) =>
        op == Syntax.TokenKind.Plus && !thisOnLeft && other is ListValue ? IntValue.Of(42) : null;

    public override void WriteRepr(StringBuilder sb) => sb.Append("hasfields");
}

/// <summary>An infinite iterable of Fibonacci numbers.</summary>
internal sealed class Fibonacci : Value, IIterable
{
    public override string Type => "fibonacci";

    public IEnumerable<Value> Iterate()
    {
        long a = 0, b = 1;
        while (true)
        {
            yield return IntValue.Of(a);
            (a, b) = (b, a + b);
        }
    }
}
