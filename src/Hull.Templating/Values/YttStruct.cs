using System.Text;
using Hull.Starlark;
using Hull.Starlark.Values;

namespace Hull.Templating.Values;

/// <summary>ytt's struct: fields in insertion order, readable as attributes or by key, iterable over its keys; prints as `struct(...)`.</summary>
public sealed class YttStruct : Value, IHasAttributes, IIterableMapping, ISequence, IContainer
{
    private readonly List<KeyValuePair<string, Value>> _fields;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a struct from fields (later duplicates replace earlier ones in place).</summary>
    public YttStruct(IEnumerable<KeyValuePair<string, Value>> fields)
    {
        _fields = [];
        _index = new(StringComparer.Ordinal);
        foreach (var kv in fields)
        {
            if (_index.TryGetValue(kv.Key, out int i)) _fields[i] = kv;
            else
            {
                _index[kv.Key] = _fields.Count;
                _fields.Add(kv);
            }
        }
    }

    /// <summary>The fields in order.</summary>
    public IReadOnlyList<KeyValuePair<string, Value>> Fields => _fields;

    /// <summary>Fields as key/value pairs (for `**struct`).</summary>
    public IEnumerable<KeyValuePair<Value, Value>> Items() => _fields.Select(f => new KeyValuePair<Value, Value>(StringValue.Of(f.Key), f.Value));

    /// <inheritdoc/>
    public override string Type => "struct";

    /// <inheritdoc/>
    public int Len => _fields.Count;

    /// <summary>As in ytt, a struct with no fields is false (`if data.values.x:` skips `x: {}`).</summary>
    public override bool Truth => _fields.Count > 0;

    /// <inheritdoc/>
    public Value? GetAttr(string name) => _index.TryGetValue(name, out int i) ? _fields[i].Value : null;

    /// <inheritdoc/>
    public IEnumerable<string> AttrNames => _fields.Select(f => f.Key);

    /// <inheritdoc/>
    public Value? Get(Value key)
    {
        if (key is not StringValue s) throw new EvalException($"unhandled index operation struct[{key.Type}]");
        return GetAttr(s.Value);
    }

    /// <inheritdoc/>
    public IEnumerable<Value> Iterate() => _fields.Select(f => (Value)StringValue.Of(f.Key));

    /// <inheritdoc/>
    public bool Contains(Value y) => y is StringValue s && _index.ContainsKey(s.Value);

    /// <inheritdoc/>
    public override void Freeze()
    {
        ValueDepth.FreezeEach(_fields.Select(f => f.Value));
    }

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => sb.Append("struct(...)");

    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth)
    {
        var o = (YttStruct)other;
        if (o._fields.Count != _fields.Count) return false;
        foreach (var f in _fields)
        {
            var ov = o.GetAttr(f.Key);
            if (ov is null || !ValueEquality.Equal(f.Value, ov, depth)) return false;
        }
        return true;
    }
}

/// <summary>What template.replace returns: set_node ignores it because the node was already replaced.</summary>
public sealed class NoopValue : Value
{
    /// <summary>The instance.</summary>
    public static readonly NoopValue Instance = new();

    /// <inheritdoc/>
    public override string Type => "noop";

    /// <inheritdoc/>
    public override bool Truth => false;
}

/// <summary>Equality of Starlark values across types (same type and same content).</summary>
public static class ValueEquality
{
    /// <summary>Whether two values are equal.</summary>
    public static bool Equal(Value a, Value b, int depth)
    {
        if (depth <= 0) return false;
        if (ReferenceEquals(a, b)) return true;
        if (a.GetType() != b.GetType())
        {
            return a is IntValue or FloatValue && b is IntValue or FloatValue && PlainConversion.ToPlain(a)?.ToString() == PlainConversion.ToPlain(b)?.ToString();
        }
        return a.EqualsSameType(b, depth - 1);
    }
}
