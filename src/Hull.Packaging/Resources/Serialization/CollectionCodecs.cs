using Hull.Yaml;

namespace Hull.Packaging.Resources.Serialization;

/// <summary>Codecs for lists, string maps, base64 maps and schemaless values (<c>x-kubernetes-preserve-unknown-fields</c>).</summary>
internal static class CollectionCodecs
{
    public static Codec<IReadOnlyList<T>?> ListOf<T>(Codec<T> item) => new ListCodec<T>(item);

    public static Codec<IReadOnlyList<T>?> Objects<T>(ObjectCodec<T> item)
        where T : class => new ListCodec<T>(new NonNullObject<T>(item));

    public static Codec<IReadOnlyList<string>?> Strings { get; } = new NonNullStrings();

    public static Codec<IReadOnlyDictionary<string, string>?> StringMap { get; } = new StringMapCodec();

    public static Codec<IReadOnlyDictionary<string, byte[]>?> BytesMap { get; } = new BytesMapCodec();

    public static Codec<object?> Any { get; } = new AnyCodec();

    private sealed class ListCodec<T>(Codec<T> item) : Codec<IReadOnlyList<T>?>
    {
        public override IReadOnlyList<T>? Read(object? value, ReadContext context, Position at)
        {
            switch (value)
            {
                case null:
                    return null;
                case YamlArray array:
                    var list = new List<T>(array.Items.Count);
                    for (int i = 0; i < array.Items.Count; i++)
                    {
                        var element = array.Items[i];
                        context.Push($"[{i}]");
                        var position = element.Position.IsKnown ? element.Position : at;
                        list.Add(element.Value is null
                            ? throw context.Error(position, "a list item is null")
                            : item.Read(element.Value, context, position));
                        context.Pop();
                    }
                    return list;
                default:
                    throw context.Error(at, $"expected a list, got {Describe(value)}");
            }
        }

        public override object? Write(IReadOnlyList<T>? value) =>
            value is null ? null : new YamlArray(value.Select(v => new ArrayItem(item.Write(v))));

        public override bool IsEmpty(IReadOnlyList<T>? value) => value is null || value.Count == 0;
    }

    // List items are never null (ListCodec rejects null items), so the element type drops its '?'.
    private sealed class NonNullObject<T>(ObjectCodec<T> inner) : Codec<T>
        where T : class
    {
        public override T Read(object? value, ReadContext context, Position at) =>
            inner.Read(value, context, at) ?? throw context.Error(at, "a list item is null");

        public override object? Write(T value) => inner.Write(value);
    }

    private sealed class NonNullStrings : Codec<IReadOnlyList<string>?>
    {
        private readonly Codec<IReadOnlyList<string?>?> _inner = new ListCodec<string?>(ScalarCodecs.String);

        public override IReadOnlyList<string>? Read(object? value, ReadContext context, Position at) =>
            _inner.Read(value, context, at)?.Select(s => s ?? "").ToList();

        public override object? Write(IReadOnlyList<string>? value) => _inner.Write(value);

        public override bool IsEmpty(IReadOnlyList<string>? value) => value is null || value.Count == 0;
    }

    private sealed class StringMapCodec : Codec<IReadOnlyDictionary<string, string>?>
    {
        public override IReadOnlyDictionary<string, string>? Read(object? value, ReadContext context, Position at)
        {
            if (value is null)
            {
                return null;
            }
            if (value is not Map map)
            {
                throw context.Error(at, $"expected a map of strings, got {Describe(value)}");
            }
            var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in map.Items)
            {
                var position = item.Position.IsKnown ? item.Position : at;
                if (item.Key is not string key)
                {
                    throw context.Error(position, $"expected string keys, got {Describe(item.Key)}");
                }
                context.Push(key);
                result[key] = ScalarCodecs.String.Read(item.Value, context, position) ?? "";
                context.Pop();
            }
            return result;
        }

        public override object? Write(IReadOnlyDictionary<string, string>? value) =>
            value is null ? null : new Map(value.OrderBy(p => p.Key, GoKeyOrder.Instance).Select(p => new MapItem(p.Key, p.Value)));

        public override bool IsEmpty(IReadOnlyDictionary<string, string>? value) => value is null || value.Count == 0;
    }

    // A Secret's data: base64 strings on the wire, bytes in the model (as Kubernetes' []byte fields).
    private sealed class BytesMapCodec : Codec<IReadOnlyDictionary<string, byte[]>?>
    {
        public override IReadOnlyDictionary<string, byte[]>? Read(object? value, ReadContext context, Position at)
        {
            var strings = StringMap.Read(value, context, at);
            if (strings is null)
            {
                return null;
            }
            var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (key, text) in strings)
            {
                try
                {
                    result[key] = Convert.FromBase64String(text);
                }
                catch (FormatException)
                {
                    context.Push(key);
                    var error = context.Error(at, "expected base64 data (use stringData for plain text)");
                    context.Pop();
                    throw error;
                }
            }
            return result;
        }

        public override object? Write(IReadOnlyDictionary<string, byte[]>? value) =>
            StringMap.Write(value?.ToDictionary(p => p.Key, p => Convert.ToBase64String(p.Value), StringComparer.Ordinal));

        public override bool IsEmpty(IReadOnlyDictionary<string, byte[]>? value) => value is null || value.Count == 0;
    }

    // Schemaless content is kept as Hull.Yaml values; copied so callers cannot alias the parsed tree.
    private sealed class AnyCodec : Codec<object?>
    {
        public override object? Read(object? value, ReadContext context, Position at) => Node.CopyValue(value);

        public override object? Write(object? value) => Node.CopyValue(value);
    }
}
