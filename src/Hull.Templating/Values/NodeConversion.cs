using System.Numerics;
using Hull.Starlark.Values;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.Values;

/// <summary>Converts between Starlark values and YAML node values.</summary>
public static class NodeConversion
{
    /// <summary>A Starlark value as a YAML value: scalars, or new Map/Array nodes (fragments are deep-copied).</summary>
    public static object? ToYaml(Value v) => ToYaml(v, 1);

    private static object? ToYaml(Value v, int depth)
    {
        switch (v)
        {
            case NoneValue: return null;
            case BoolValue b: return b.Value;
            case IntValue i: return i.IsSmall ? i.Small : i.Big;
            case FloatValue f: return f.Value;
            case StringValue s: return s.Value;
        }
        WalkDepth.Check(depth, "convert to YAML");
        switch (v)
        {
            case ListValue l: return new YamlArray(l.Items.Select(x => new ArrayItem(ToYaml(x, depth + 1))));
            case TupleValue t: return new YamlArray(t.Items.Select(x => new ArrayItem(ToYaml(x, depth + 1))));
            case DictValue d: return new Map(d.Iterate().Select(k => new MapItem(ToYamlKey(k), ToYaml(d.Get(k)!, depth + 1))));
            case YttStruct st: return new Map(st.Fields.Select(f => new MapItem(f.Key, ToYaml(f.Value, depth + 1))));
            case MapFragment { IsNull: true }: return null;
            case YamlFragment frag: return frag.Node.DeepCopy();
            case IExplicitlyEncoded e: throw new HostError($"Unable to convert value: {e.EncodingName} does not automatically encode (hint: use .string())");
            default: throw new HostError($"Unable to convert value: {v.Type}");
        }
    }

    private static object? ToYamlKey(Value k) => k switch
    {
        YamlFragment or ListValue or DictValue => throw new HostError($"Unable to convert value: {k.Type} as a map key"),
        _ => ToYaml(k),
    };

    /// <summary>A YAML value as Starlark: scalars directly, collections as fragments, documents as their value.</summary>
    public static Value ToStarlark(object? v)
    {
        switch (v)
        {
            case null: return NoneValue.None;
            case bool b: return BoolValue.Of(b);
            case long l: return IntValue.Of(l);
            case int i: return IntValue.Of(i);
            case BigInteger bi: return IntValue.Of(bi);
            case double d: return new FloatValue(d);
            case string s: return StringValue.Of(s);
        }
        return v switch
        {
            Map or YamlArray or DocumentSet => YamlFragment.Of(v),
            Document or MapItem or ArrayItem => ToStarlark(YamlModel.ValueOf((Node)v)),
            _ => StringValue.Of(v.ToString() ?? ""),
        };
    }

    /// <summary>A YAML value as ytt's data values shape: maps become structs, arrays lists.</summary>
    public static Value ToStruct(object? v) => ToStruct(v, 1);

    private static Value ToStruct(object? v, int depth)
    {
        if (v is Map or YamlArray) WalkDepth.Check(depth, "convert to a struct");
        return v switch
        {
            Map m => new YttStruct(m.Items.Select(i => new KeyValuePair<string, Value>(i.Key as string ?? YamlModel.FormatKey(i.Key), ToStruct(i.Value, depth + 1)))),
            YamlArray a => new ListValue(a.Items.Select(i => ToStruct(i.Value, depth + 1)).ToList()),
            Document or MapItem or ArrayItem => ToStruct(YamlModel.ValueOf((Node)v), depth),
            _ => ToStarlark(v),
        };
    }

    /// <summary>A YAML value in the plain model.</summary>
    public static object? ToPlain(object? v) => ToPlain(v, 1);

    private static object? ToPlain(object? v, int depth)
    {
        switch (v)
        {
            case Map map:
                {
                    WalkDepth.Check(depth, "convert to a plain value");
                    var m = new PlainMap();
                    foreach (var i in map.Items) m.Add(new(i.Key, ToPlain(i.Value, depth + 1)));
                    return m;
                }
            case YamlArray a:
                WalkDepth.Check(depth, "convert to a plain value");
                return a.Items.Select(i => ToPlain(i.Value, depth + 1)).ToList();
            case DocumentSet ds:
                return ds.Items.Select(i => ToPlain(i.Value, depth + 1)).ToList();
            case Document or MapItem or ArrayItem:
                return ToPlain(YamlModel.ValueOf((Node)v), depth);
            default:
                return v;
        }
    }
}
