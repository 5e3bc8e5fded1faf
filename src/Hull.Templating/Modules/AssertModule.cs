using System.Text;
using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.Values;
using Hull.Templating.Yaml;

namespace Hull.Templating.Modules;

/// <summary>`@ytt:assert`: equals, fail, try_to and the validation rules (min, max, min_len, max_len, not_null, one_of, one_not_null).</summary>
/// <remarks>Rule checks are Starlark lambdas compiled in files named after the rule (`assert.max`), as ytt does, so tracebacks read the same.</remarks>
public static class AssertModule
{
    /// <summary>The module.</summary>
    public static ModuleValue Create() => HostFunction.Module("assert",
        HostFunction.Create("assert.equals", a =>
        {
            a.Exactly(2);
            foreach (var v in a.Positional)
            {
                if (v is ICallable and not BuiltinFunction) throw new HostError("expected argument not to be a function, but was *starlark.Function");
            }
            string want = Encode(a.Positional[0]), got = Encode(a.Positional[1]);
            if (want != got || a.Positional[0].Type != a.Positional[1].Type && !(a.Positional[0] is YamlFragment && a.Positional[1] is YamlFragment))
            {
                throw new HostError($"Not equal:\n(expected type: {a.Positional[0].Type})\n{want}\n\n(was type: {a.Positional[1].Type})\n{got}");
            }
            return NoneValue.None;
        }),
        HostFunction.Create("assert.fail", a =>
        {
            a.Exactly(1);
            throw new HostError("fail: " + (a.Positional[0] is StringValue s ? s.Value : a.Positional[0].Repr()));
        }),
        HostFunction.Create("assert.try_to", a =>
        {
            a.Exactly(1);
            if (a.Positional[0] is not ICallable)
            {
                throw new HostError($"expected argument to be a function, but was {GoStarlarkType(a.Positional[0])}");
            }
            try
            {
                var result = a.Thread.Call(a.Positional[0], []);
                return new TupleValue([result, NoneValue.None]);
            }
            catch (EvalException e)
            {
                return new TupleValue([NoneValue.None, StringValue.Of(e.Msg)]);
            }
        }),
        Rule("max", 1, "lambda val: True if __plain(val) <= __plain(arg) else fail(\"value > {}\".format(arg))"),
        Rule("min", 1, "lambda val: True if __plain(val) >= __plain(arg) else fail(\"value < {}\".format(arg))"),
        Rule("max_len", 1, "lambda val: True if len(val) <= arg else fail(\"length = {}\".format(len(val)))"),
        Rule("min_len", 1, "lambda val: True if len(val) >= arg else fail(\"length = {}\".format(len(val)))"),
        NotNull(),
        OneOf(),
        OneNotNull());

    private static string Encode(Value v) => YamlOutput.Encode(NodeConversion.ToYaml(v));

    private static string GoStarlarkType(Value v) => v switch
    {
        StringValue => "starlark.String",
        IntValue => "starlark.Int",
        FloatValue => "starlark.Float",
        BoolValue => "starlark.Bool",
        NoneValue => "starlark.NoneType",
        ListValue => "*starlark.List",
        DictValue => "*starlark.Dict",
        TupleValue => "starlark.Tuple",
        _ => v.Type,
    };

    private static BuiltinFunction Rule(string name, int arity, string lambda) =>
        HostFunction.Create("assert." + name, a =>
        {
            a.Exactly(arity);
            return new YttStruct([new("check", MakeCheck(a.Thread, "assert." + name, lambda, a.Positional[0]))]);
        });

    private static Value MakeCheck(StarlarkThread thread, string file, string lambda, Value arg)
    {
        var pre = new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["arg"] = arg,
            ["__plain"] = HostFunction.Create("__plain", p => PlainConversion.FromPlain(PlainConversion.ToPlain(p.Positional[0]))),
        };
        var globals = StarlarkProgram.ExecFile(thread, file, "__check = " + lambda + "\n", pre, Hull.Starlark.Syntax.ParseOptions.Ytt);
        return globals["__check"];
    }

    private static BuiltinFunction NotNull() => HostFunction.Create("assert.not_null", a =>
    {
        a.AtMost(1);
        var check = MakeCheck(a.Thread, "assert.not_null", "lambda value: True if __plain(value) != None else fail(\"value is null\")", NoneValue.None);
        if (a.Positional.Length == 0) return new YttStruct([new("check", check)]);
        try
        {
            return a.Thread.Call(check, [a.Positional[0]]);
        }
        catch (EvalException e)
        {
            throw new HostError(e.Msg);
        }
    });

    private static BuiltinFunction OneOf() => HostFunction.Create("assert.one_of", a =>
    {
        a.AtLeast(1);
        Value allowed;
        if (a.Positional.Length == 1)
        {
            allowed = a.Positional[0] switch
            {
                ListValue or TupleValue => a.Positional[0],
                YamlFragment f => PlainConversion.FromPlain(f.ToPlain()),
                var v => throw new HostError($"expected a sequence, but was a '{v.Type}'"),
            };
        }
        else
        {
            allowed = new TupleValue(a.Positional);
        }
        var check = MakeCheck(a.Thread, "assert.one_of", "lambda val: True if __plain(val) in [__plain(x) for x in arg] else fail(\"not one of allowed values\")", allowed);
        return new YttStruct([new("check", check)]);
    });

    private static BuiltinFunction OneNotNull() => HostFunction.Create("assert.one_not_null", a =>
    {
        if (a.Positional.Length > 1) throw new HostError($"got {a.Positional.Length} arguments, want 1");
        Value spec = a.Positional.Length == 1 ? a.Positional[0] : BoolValue.True;
        List<object?>? keys = null;
        if (spec is BoolValue { Value: true })
        {
            keys = null;
        }
        else if (spec is ListValue or TupleValue)
        {
            keys = ((IIterable)spec).Iterate().Select(PlainConversion.ToPlain).ToList();
        }
        else
        {
            throw new HostError($"expected a sequence of keys, but was a '{spec.Type}'");
        }
        var check = HostFunction.Create("check", c =>
        {
            c.Exactly(1);
            var val = c.Positional[0];
            if (val is not (DictValue or YttStruct or MapFragment))
            {
                throw new HostError($"value must be a map or dict, but was '{val.Type}'");
            }
            var plain = (PlainMap)PlainConversion.ToPlain(val)!;
            if (plain.Count == 0) throw new HostError("value is empty");
            var notNull = plain.Where(kv => kv.Value is not null && (keys is null || keys.Any(k => Equals(k, kv.Key)))).Select(kv => kv.Key).ToList();
            if (notNull.Count == 0) throw new HostError("all values are null");
            if (notNull.Count > 1)
            {
                var sb = new StringBuilder("[");
                for (int i = 0; i < notNull.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    PlainConversion.FromPlain(notNull[i]).WriteRepr(sb);
                }
                throw new HostError(sb.Append("] are not null").ToString());
            }
            return BoolValue.True;
        });
        return new YttStruct([new("check", check)]);
    });
}
