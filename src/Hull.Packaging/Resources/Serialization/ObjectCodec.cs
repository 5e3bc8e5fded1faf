using Hull.Yaml;

namespace Hull.Packaging.Resources.Serialization;

/// <summary>
/// A codec for an object type described field by field. Reading checks each field's type and warns about unknown
/// fields (kapp-controller's API server would drop them); writing leaves out empty fields (Go's <c>omitempty</c>)
/// and orders keys alphabetically, as kubectl, kbld and kctrl print resources (sigs.k8s.io/yaml goes through JSON).
/// </summary>
internal sealed class ObjectCodec<T>(Func<T> create) : Codec<T?>
    where T : class
{
    private readonly Dictionary<string, FieldBase> _fields = new(StringComparer.Ordinal);
    private FieldBase[]? _ordered;

    /// <summary>Adds a field; <paramref name="set"/> is typically <c>(x, v) =&gt; x with { P = v }</c>.</summary>
    public ObjectCodec<T> Field<TValue>(string key, Func<T, TValue> get, Func<T, TValue, T> set, Codec<TValue> codec, bool required = false)
    {
        _fields.Add(key, new TypedField<TValue>(key, required, get, set, codec));
        _ordered = null;
        return this;
    }

    /// <summary>Adds a field that always holds <paramref name="value"/> (apiVersion, kind); anything else is an error.</summary>
    public ObjectCodec<T> Constant(string key, string value)
    {
        _fields.Add(key, new ConstantField(key, value));
        _ordered = null;
        return this;
    }

    public override T? Read(object? value, ReadContext context, Position at)
    {
        switch (value)
        {
            case null:
                return null;
            case Map map:
                var result = create();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in map.Items)
                {
                    var position = item.Position.IsKnown ? item.Position : at;
                    if (item.Key is not string key)
                    {
                        throw context.Error(position, $"expected field names, got the key {Describe(item.Key)}");
                    }
                    context.Push(key);
                    if (_fields.TryGetValue(key, out var field))
                    {
                        context.RecordLine(position);
                        result = field.Read(result, item.Value, context, position);
                        seen.Add(key);
                    }
                    else
                    {
                        context.Warn(position, SuggestFor(key));
                    }
                    context.Pop();
                }
                foreach (var field in _fields.Values)
                {
                    if (field.Required && !seen.Contains(field.Key))
                    {
                        throw context.Error(map.Position.IsKnown ? map.Position : at, $"missing required field '{field.Key}'");
                    }
                }
                return result;
            default:
                throw context.Error(at, $"expected a map, got {Describe(value)}");
        }
    }

    public override object? Write(T? value)
    {
        if (value is null)
        {
            return null;
        }
        _ordered ??= [.. _fields.Values.OrderBy(f => f.Key, GoKeyOrder.Instance)];
        var map = new Map();
        foreach (var field in _ordered)
        {
            if (field.TryWrite(value, out object? written))
            {
                map.Items.Add(new MapItem(field.Key, written));
            }
        }
        return map;
    }

    private string SuggestFor(string key)
    {
        string? near = _fields.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
        return near is null
            ? $"unknown field (ignored); known fields: {string.Join(", ", _fields.Keys.Order(StringComparer.Ordinal))}"
            : $"unknown field (ignored); did you mean '{near}'?";
    }

    private abstract class FieldBase(string key, bool required)
    {
        public string Key { get; } = key;

        public bool Required { get; } = required;

        public abstract T Read(T target, object? value, ReadContext context, Position at);

        public abstract bool TryWrite(T source, out object? value);
    }

    private sealed class TypedField<TValue>(string key, bool required, Func<T, TValue> get, Func<T, TValue, T> set, Codec<TValue> codec)
        : FieldBase(key, required)
    {
        public override T Read(T target, object? value, ReadContext context, Position at) =>
            set(target, codec.Read(value, context, at));

        public override bool TryWrite(T source, out object? value)
        {
            var v = get(source);
            if (!Required && codec.IsEmpty(v))
            {
                value = null;
                return false;
            }
            value = codec.Write(v);
            return true;
        }
    }

    private sealed class ConstantField(string key, string constant) : FieldBase(key, required: true)
    {
        public override T Read(T target, object? value, ReadContext context, Position at) =>
            value is string s && s == constant ? target : throw context.Error(at, $"expected '{constant}', got {Describe(value)}");

        public override bool TryWrite(T source, out object? value)
        {
            value = constant;
            return true;
        }
    }
}
