using System.Text;
using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.Yaml;

namespace Hull.Templating.Values;

/// <summary>YAML built by a template function (`yamlfragment`): a map, array or document set usable like a dict or list.</summary>
public abstract class YamlFragment : Value, ISequence, IContainer, IPlainConvertible
{
    /// <summary>The wrapped node (Map, Array or DocumentSet).</summary>
    public object Node { get; }

    private protected YamlFragment(object node) => Node = node;

    /// <summary>Wraps a node in the fragment kind that matches it.</summary>
    public static YamlFragment Of(object? node) => node is null ? new DocSetFragment(YamlModel.NewDocumentSet([])) : YamlModel.Kind(node) switch
    {
        NodeKind.Map => new MapFragment(node),
        NodeKind.Array => new ArrayFragment(node),
        NodeKind.DocumentSet => new DocSetFragment(node),
        _ => throw new HostError($"unexpected fragment root {YamlModel.DebugName(node)}"),
    };

    /// <inheritdoc/>
    public override string Type => "yamlfragment";

    /// <summary>Items of the wrapped collection.</summary>
    protected List<object> Items => YamlModel.Items(Node);

    /// <inheritdoc/>
    public int Len => Items.Count;

    /// <inheritdoc/>
    public override bool Truth => Items.Count > 0;

    /// <inheritdoc/>
    public abstract IEnumerable<Value> Iterate();

    /// <inheritdoc/>
    public abstract bool Contains(Value y);

    /// <inheritdoc/>
    public object? ToPlain() => NodeConversion.ToPlain(Node);

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => sb.Append("yamlfragment(").Append(YamlModel.DebugName(Node)).Append(')');

    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth) =>
        ReferenceEquals(this, other) || Equals(ToPlainKey(ToPlain()), ToPlainKey(((YamlFragment)other).ToPlain()));

    private static string ToPlainKey(object? plain) => Encoders.JsonEncoding.Encode(plain);
}

/// <summary>A map fragment: keys iterate, `f[key]` reads values.</summary>
public sealed class MapFragment : YamlFragment, IMapping
{
    internal MapFragment(object node) : base(node) { }

    /// <inheritdoc/>
    public Value? Get(Value key)
    {
        object? k = PlainConversion.ToPlain(key);
        foreach (var item in Items)
        {
            if (Equals(YamlModel.Key(item), k)) return NodeConversion.ToStarlark(YamlModel.ValueOf(item));
        }
        return null;
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Iterate() => Items.Select(i => NodeConversion.ToStarlark(YamlModel.Key(i))).ToList();

    /// <inheritdoc/>
    public override bool Contains(Value y)
    {
        object? k = PlainConversion.ToPlain(y);
        return Items.Any(i => Equals(YamlModel.Key(i), k));
    }

    /// <summary>Key/value pairs (for `**fragment`).</summary>
    public IEnumerable<KeyValuePair<Value, Value>> Entries() =>
        Items.Select(i => new KeyValuePair<Value, Value>(NodeConversion.ToStarlark(YamlModel.Key(i)), NodeConversion.ToStarlark(YamlModel.ValueOf(i))));
}

/// <summary>An array fragment: items iterate and index; `i in f` tests the index range.</summary>
public sealed class ArrayFragment : YamlFragment, IIndexable
{
    internal ArrayFragment(object node) : base(node) { }

    /// <inheritdoc/>
    public Value Index(int i) => NodeConversion.ToStarlark(YamlModel.ValueOf(Items[i]));

    /// <inheritdoc/>
    public override IEnumerable<Value> Iterate() => Items.Select(i => NodeConversion.ToStarlark(YamlModel.ValueOf(i))).ToList();

    /// <inheritdoc/>
    public override bool Contains(Value y) => y is IntValue { IsSmall: true } n && n.Small >= 0 && n.Small < Items.Count;
}

/// <summary>A document set fragment: documents' values iterate and index.</summary>
public sealed class DocSetFragment : YamlFragment, IIndexable
{
    internal DocSetFragment(object node) : base(node) { }

    /// <inheritdoc/>
    public Value Index(int i) => NodeConversion.ToStarlark(YamlModel.ValueOf(Items[i]));

    /// <inheritdoc/>
    public override IEnumerable<Value> Iterate() => Items.Select(i => NodeConversion.ToStarlark(YamlModel.ValueOf(i))).ToList();

    /// <inheritdoc/>
    public override bool Contains(Value y) => y is IntValue { IsSmall: true } n && n.Small >= 0 && n.Small < Items.Count;
}
