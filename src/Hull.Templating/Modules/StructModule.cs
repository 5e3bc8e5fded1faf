using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.Values;

namespace Hull.Templating.Modules;

/// <summary>`@ytt:struct`: make, make_and_bind, bind, encode, decode.</summary>
public static class StructModule
{
    /// <summary>The module.</summary>
    public static ModuleValue Create() => HostFunction.Module("struct",
        HostFunction.Create("struct.make", a =>
        {
            a.Exactly0Positional();
            return new YttStruct(a.Named);
        }),
        HostFunction.Create("struct.make_and_bind", a =>
        {
            if (a.Positional.Length != 1) throw new HostError($"got {a.Positional.Length} arguments, want 1");
            var receiver = a.Positional[0];
            return new YttStruct(a.Named.Select(kv => kv.Value is ICallable fn
                ? new KeyValuePair<string, Value>(kv.Key, Bind(fn, [receiver]))
                : kv));
        }),
        HostFunction.Create("struct.bind", a =>
        {
            a.AtLeast(1);
            if (a.Positional[0] is not ICallable fn) throw new HostError($"expected argument #1 to be a function, but was {a.Positional[0].Type}");
            return Bind(fn, a.Positional[1..]);
        }),
        HostFunction.Create("struct.encode", a =>
        {
            a.Exactly(1);
            return Encode(PlainConversion.ToPlain(a.Positional[0]));
        }),
        HostFunction.Create("struct.decode", a =>
        {
            a.Exactly(1);
            return Decode(a.Positional[0]);
        }));

    private static void Exactly0Positional(this HostArgs a)
    {
        if (a.Positional.Length > 0) throw new HostError($"got {a.Positional.Length} arguments, want 0");
    }

    private static BuiltinFunction Bind(ICallable fn, Value[] bound) =>
        new(fn.Name, (thread, _, args, kwargs) => fn.Call(thread, [.. bound, .. args], kwargs));

    /// <summary>Plain value to struct-shaped Starlark: maps become structs.</summary>
    public static Value Encode(object? plain) => Encode(plain, 1);

    private static Value Encode(object? plain, int depth)
    {
        if (plain is PlainMap or List<object?>) WalkDepth.Check(depth, "encode as a struct");
        return plain switch
        {
            PlainMap m => new YttStruct(m.Select(kv => new KeyValuePair<string, Value>(
                kv.Key as string ?? throw new HostError($"expected struct key to be a string, but was {kv.Key?.GetType().Name ?? "null"}"),
                Encode(kv.Value, depth + 1)))),
            List<object?> l => new ListValue(l.Select(x => Encode(x, depth + 1)).ToList()),
            _ => PlainConversion.FromPlain(plain),
        };
    }

    /// <summary>Structs (recursively) to dicts.</summary>
    public static Value Decode(Value v) => Decode(v, 1);

    private static Value Decode(Value v, int depth)
    {
        if (v is YttStruct or ListValue or TupleValue or DictValue) WalkDepth.Check(depth, "decode a struct");
        switch (v)
        {
            case YttStruct s:
                {
                    var d = new DictValue();
                    foreach (var f in s.Fields) d.Set(f.Key, Decode(f.Value, depth + 1));
                    return d;
                }
            case ListValue l: return new ListValue(l.Items.Select(x => Decode(x, depth + 1)).ToList());
            case TupleValue t: return new ListValue(t.Items.Select(x => Decode(x, depth + 1)).ToList());
            case DictValue dict:
                {
                    var d = new DictValue();
                    foreach (var k in dict.Iterate()) d.Set(k, Decode(dict.Get(k)!, depth + 1));
                    return d;
                }
            default: return v;
        }
    }
}
