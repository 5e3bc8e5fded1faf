using System.Numerics;
using Hull.Starlark.Values;

namespace Hull.Templating.Values;

/// <summary>A host value that refuses implicit encoding into YAML/JSON (ytt's url/ip values).</summary>
public interface IExplicitlyEncoded
{
    /// <summary>The value's ytt type name, e.g. `@ytt:url.value`.</summary>
    string EncodingName { get; }
}

/// <summary>A host value that knows its plain form (YAML fragments).</summary>
public interface IPlainConvertible
{
    /// <summary>The plain value (see <see cref="PlainMap"/>).</summary>
    object? ToPlain();
}

/// <summary>Converts between Starlark values and the plain value model.</summary>
public static class PlainConversion
{
    /// <summary>Starlark to plain; maps become <see cref="PlainMap"/>, lists and tuples <c>List&lt;object?&gt;</c>.</summary>
    public static object? ToPlain(Value v) => ToPlain(v, 1);

    private static object? ToPlain(Value v, int depth)
    {
        switch (v)
        {
            case NoneValue: return null;
            case BoolValue b: return b.Value;
            case IntValue i: return i.IsSmall ? i.Small : i.Big;
            case FloatValue f: return f.Value;
            case StringValue s: return s.Value;
        }
        WalkDepth.Check(depth, "encode");
        switch (v)
        {
            case ListValue l: return l.Items.Select(x => ToPlain(x, depth + 1)).ToList();
            case TupleValue t: return t.Items.Select(x => ToPlain(x, depth + 1)).ToList();
            case DictValue d:
                {
                    var m = new PlainMap();
                    foreach (var k in d.Iterate()) m.Set(ToPlain(k, depth + 1), ToPlain(d.Get(k)!, depth + 1));
                    return m;
                }
            case YttStruct st:
                {
                    var m = new PlainMap();
                    foreach (var f in st.Fields) m.Set(f.Key, ToPlain(f.Value, depth + 1));
                    return m;
                }
            case IPlainConvertible pc: return pc.ToPlain();
            case IExplicitlyEncoded e: throw new HostError($"Unable to convert value: {e.EncodingName} does not automatically encode (hint: use .string())");
            default: throw new HostError($"Unable to convert value: {v.Type}");
        }
    }

    /// <summary>Plain to Starlark; maps become dicts.</summary>
    public static Value FromPlain(object? v) => FromPlain(v, 1);

    private static Value FromPlain(object? v, int depth)
    {
        if (v is List<object?> or PlainMap) WalkDepth.Check(depth, "decode");
        return v switch
        {
            null => NoneValue.None,
            bool b => BoolValue.Of(b),
            long l => IntValue.Of(l),
            int i => IntValue.Of(i),
            BigInteger bi => IntValue.Of(bi),
            double d => new FloatValue(d),
            string s => StringValue.Of(s),
            List<object?> list => new ListValue(list.Select(x => FromPlain(x, depth + 1)).ToList()),
            PlainMap m => ToDict(m, depth),
            _ => StringValue.Of(v.ToString() ?? ""),
        };
    }

    private static DictValue ToDict(PlainMap m, int depth)
    {
        var d = new DictValue();
        foreach (var kv in m) d.Set(FromPlain(kv.Key, depth + 1), FromPlain(kv.Value, depth + 1));
        return d;
    }
}
