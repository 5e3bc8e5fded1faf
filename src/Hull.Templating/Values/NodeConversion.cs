using System.Numerics;
using Hull.Starlark.Values;
using Hull.Templating.Yaml;

namespace Hull.Templating.Values;

/// <summary>Converts between Starlark values and YAML node values.</summary>
public static class NodeConversion
{
    /// <summary>A Starlark value as a YAML value: scalars, or new Map/Array nodes (fragments are deep-copied).</summary>
    public static object? ToYaml(Value v)
    {
        switch (v)
        {
            case NoneValue: return null;
            case BoolValue b: return b.Value;
            case IntValue i: return i.IsSmall ? i.Small : i.Big;
            case FloatValue f: return f.Value;
            case StringValue s: return s.Value;
            case ListValue l: return YamlModel.NewArray(l.Items.Select(x => YamlModel.NewArrayItem(ToYaml(x))));
            case TupleValue t: return YamlModel.NewArray(t.Items.Select(x => YamlModel.NewArrayItem(ToYaml(x))));
            case DictValue d: return YamlModel.NewMap(d.Iterate().Select(k => YamlModel.NewMapItem(ToYamlKey(k), ToYaml(d.Get(k)!))));
            case YttStruct st: return YamlModel.NewMap(st.Fields.Select(f => YamlModel.NewMapItem(f.Key, ToYaml(f.Value))));
            case YamlFragment frag: return YamlModel.DeepCopy(frag.Node);
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
        return YamlModel.Kind(v) switch
        {
            NodeKind.Map or NodeKind.Array or NodeKind.DocumentSet => YamlFragment.Of(v),
            NodeKind.Document or NodeKind.MapItem or NodeKind.ArrayItem => ToStarlark(YamlModel.ValueOf(v)),
            _ => StringValue.Of(v.ToString() ?? ""),
        };
    }

    /// <summary>A YAML value as ytt's data values shape: maps become structs, arrays lists.</summary>
    public static Value ToStruct(object? v)
    {
        switch (YamlModel.Kind(v))
        {
            case NodeKind.Map:
                return new YttStruct(YamlModel.Items(v!).Select(i => new KeyValuePair<string, Value>(
                    YamlModel.Key(i) as string ?? YamlModel.FormatKey(YamlModel.Key(i)), ToStruct(YamlModel.ValueOf(i)))));
            case NodeKind.Array:
                return new ListValue(YamlModel.Items(v!).Select(i => ToStruct(YamlModel.ValueOf(i))).ToList());
            case NodeKind.Document or NodeKind.MapItem or NodeKind.ArrayItem:
                return ToStruct(YamlModel.ValueOf(v!));
            default:
                return ToStarlark(v);
        }
    }

    /// <summary>A YAML value in the plain model.</summary>
    public static object? ToPlain(object? v)
    {
        switch (YamlModel.Kind(v))
        {
            case NodeKind.Map:
                {
                    var m = new PlainMap();
                    foreach (var i in YamlModel.Items(v!)) m.Add(new(YamlModel.Key(i), ToPlain(YamlModel.ValueOf(i))));
                    return m;
                }
            case NodeKind.Array:
            case NodeKind.DocumentSet:
                return YamlModel.Items(v!).Select(i => ToPlain(YamlModel.ValueOf(i))).ToList();
            case NodeKind.Document or NodeKind.MapItem or NodeKind.ArrayItem:
                return ToPlain(YamlModel.ValueOf(v!));
            default:
                return v;
        }
    }
}
