using System.Text;

namespace Hull.Starlark.Values;

/// <summary>A named, read-only namespace of members (e.g. a host module like ytt's `struct` or `data`, or `assert`).</summary>
public sealed class ModuleValue : Value, IHasAttributes
{
    private readonly Dictionary<string, Value> _members;

    /// <summary>Creates a module.</summary>
    public ModuleValue(string name, IEnumerable<KeyValuePair<string, Value>> members)
    {
        Name = name;
        _members = new Dictionary<string, Value>(members);
    }

    /// <summary>The module name.</summary>
    public string Name { get; }

    /// <summary>The members.</summary>
    public IReadOnlyDictionary<string, Value> Members => _members;

    /// <inheritdoc/>
    public override string Type => "module";
    /// <inheritdoc/>
    public override int Hash() => throw new EvalException("unhashable: module");
    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => sb.Append("<module \"").Append(Name).Append("\">");

    /// <inheritdoc/>
    public override void Freeze()
    {
        foreach (var v in _members.Values) v.Freeze();
    }

    /// <inheritdoc/>
    public Value? GetAttr(string name) => _members.GetValueOrDefault(name);

    /// <inheritdoc/>
    public IEnumerable<string> AttrNames => _members.Keys.Order(StringComparer.Ordinal);
}
