using System.Text;
using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.Values;

/// <summary>YAML built by a template function (`yamlfragment`): a map, array or document set usable like a dict or list.</summary>
public abstract class YamlFragment : Value, ISequence, IContainer, IPlainConvertible
{
    /// <summary>The wrapped node (Map, YamlArray or DocumentSet).</summary>
    public Node Node { get; }

    private protected YamlFragment(Node node) => Node = node;

    /// <summary>Wraps a node in the fragment kind that matches it; null (a fragment function that built nothing) is a null fragment.</summary>
    public static YamlFragment Of(object? node) => node switch
    {
        null => new MapFragment(new Map(), isNull: true),
        Map m => new MapFragment(m),
        YamlArray a => new ArrayFragment(a),
        DocumentSet ds => new DocSetFragment(ds),
        _ => throw new HostError($"unexpected fragment root {YamlModel.DebugName(node)}"),
    };

    /// <inheritdoc/>
    public override string Type => "yamlfragment";

    /// <inheritdoc/>
    public abstract int Len { get; }

    /// <inheritdoc/>
    public override bool Truth => Len > 0;

    /// <inheritdoc/>
    public abstract IEnumerable<Value> Iterate();

    /// <inheritdoc/>
    public abstract bool Contains(Value y);

    /// <inheritdoc/>
    public object? ToPlain() => this is MapFragment { IsNull: true } ? null : NodeConversion.ToPlain(Node);

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => sb.Append("yamlfragment(").Append(YamlModel.DebugName(Node)).Append(')');

    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth) =>
        ReferenceEquals(this, other) || Equals(ToPlainKey(ToPlain()), ToPlainKey(((YamlFragment)other).ToPlain()));

    private static string ToPlainKey(object? plain) => Encoders.JsonEncoding.Encode(plain);
}

/// <summary>A map fragment: keys iterate, `f[key]` reads values.</summary>
public sealed class MapFragment : YamlFragment, IIterableMapping
{
    private readonly Map _map;

    internal MapFragment(Map node, bool isNull = false) : base(node)
    {
        _map = node;
        IsNull = isNull;
    }

    /// <summary>A fragment function that built nothing: empty everywhere, null as a YAML value (as ytt's nil fragment).</summary>
    public bool IsNull { get; }

    /// <inheritdoc/>
    public override int Len => _map.Items.Count;

    /// <inheritdoc/>
    public Value? Get(Value key)
    {
        object? k = PlainConversion.ToPlain(key);
        foreach (var item in _map.Items)
        {
            if (Map.KeyEquals(item.Key, k)) return NodeConversion.ToStarlark(item.Value);
        }
        return null;
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Iterate() => _map.Items.Select(i => NodeConversion.ToStarlark(i.Key)).ToList();

    /// <inheritdoc/>
    public override bool Contains(Value y)
    {
        object? k = PlainConversion.ToPlain(y);
        return _map.Items.Any(i => Map.KeyEquals(i.Key, k));
    }

    /// <summary>Key/value pairs (for `**fragment`).</summary>
    public IEnumerable<KeyValuePair<Value, Value>> Items() =>
        _map.Items.Select(i => new KeyValuePair<Value, Value>(NodeConversion.ToStarlark(i.Key), NodeConversion.ToStarlark(i.Value)));
}

/// <summary>An array fragment: items iterate and index; `i in f` tests the index range.</summary>
public sealed class ArrayFragment : YamlFragment, IIndexable
{
    private readonly YamlArray _array;

    internal ArrayFragment(YamlArray node) : base(node) => _array = node;

    /// <inheritdoc/>
    public override int Len => _array.Items.Count;

    /// <inheritdoc/>
    public Value Index(int i) => NodeConversion.ToStarlark(_array.Items[i].Value);

    /// <inheritdoc/>
    public override IEnumerable<Value> Iterate() => _array.Items.Select(i => NodeConversion.ToStarlark(i.Value)).ToList();

    /// <inheritdoc/>
    public override bool Contains(Value y) => y is IntValue { IsSmall: true } n && n.Small >= 0 && n.Small < Len;
}

/// <summary>A document set fragment: documents' values iterate and index.</summary>
public sealed class DocSetFragment : YamlFragment, IIndexable
{
    private readonly DocumentSet _set;

    internal DocSetFragment(DocumentSet node) : base(node) => _set = node;

    /// <inheritdoc/>
    public override int Len => _set.Items.Count;

    /// <inheritdoc/>
    public Value Index(int i) => NodeConversion.ToStarlark(_set.Items[i].Value);

    /// <inheritdoc/>
    public override IEnumerable<Value> Iterate() => _set.Items.Select(i => NodeConversion.ToStarlark(i.Value)).ToList();

    /// <inheritdoc/>
    public override bool Contains(Value y) => y is IntValue { IsSmall: true } n && n.Small >= 0 && n.Small < Len;
}
