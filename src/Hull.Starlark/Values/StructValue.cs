using System.Text;

namespace Hull.Starlark.Values;

/// <summary>An immutable record of named fields (fields kept sorted by name), made by struct(...) or a gensym'd constructor.</summary>
public sealed class StructValue : Value, IHasAttributes
{
    private readonly string[] _names;
    private readonly Value[] _values;
    private bool _frozen;

    /// <summary>Creates a struct; <paramref name="constructor"/> brands it (null means the plain struct built-in).</summary>
    public StructValue(IEnumerable<KeyValuePair<string, Value>> fields, Value? constructor = null)
    {
        var list = fields.ToList();
        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        _names = list.Select(kv => kv.Key).ToArray();
        _values = list.Select(kv => kv.Value).ToArray();
        Constructor = constructor;
    }

    /// <summary>The constructor (a symbol from gensym) or null for plain structs.</summary>
    public Value? Constructor { get; }

    /// <summary>Fields in name order.</summary>
    public IEnumerable<KeyValuePair<string, Value>> Fields => _names.Select((n, i) => new KeyValuePair<string, Value>(n, _values[i]));

    /// <inheritdoc/>
    public override string Type => "struct";

    /// <inheritdoc/>
    public Value? GetAttr(string name)
    {
        int i = Array.BinarySearch(_names, name, StringComparer.Ordinal);
        return i >= 0 ? _values[i] : null;
    }

    /// <inheritdoc/>
    public IEnumerable<string> AttrNames => _names;

    /// <inheritdoc/>
    public override void Freeze()
    {
        if (_frozen) return;
        _frozen = true;
        ValueDepth.FreezeEach(_values);
    }

    /// <inheritdoc/>
    public override int Hash()
    {
        ValueDepth.Enter("hash");
        try
        {
            int h = 1234;
            for (int i = 0; i < _names.Length; i++) h = h * 31 + _names[i].GetHashCode() ^ _values[i].Hash();
            return h;
        }
        finally
        {
            ValueDepth.Leave();
        }
    }

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb)
    {
        ValueDepth.Enter("print");
        try
        {
            sb.Append(Constructor is SymbolValue s ? s.Name : "struct").Append('(');
            for (int i = 0; i < _names.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(_names[i]).Append(" = ");
                _values[i].WriteRepr(sb);
            }
            sb.Append(')');
        }
        finally
        {
            ValueDepth.Leave();
        }
    }

    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth)
    {
        var o = (StructValue)other;
        if (!ReferenceEquals(Constructor, o.Constructor) || _names.Length != o._names.Length) return false;
        for (int i = 0; i < _names.Length; i++)
        {
            if (_names[i] != o._names[i] || !Ops.Equal(_values[i], o._values[i], depth - 1)) return false;
        }
        return true;
    }

    /// <summary>Struct concatenation: fields of y override fields of x.</summary>
    public static StructValue Concat(StructValue x, StructValue y)
    {
        if (!ReferenceEquals(x.Constructor, y.Constructor))
            throw new EvalException($"cannot add structs of different constructors: {CtorName(x)} + {CtorName(y)}");
        var d = new Dictionary<string, Value>();
        foreach (var kv in x.Fields) d[kv.Key] = kv.Value;
        foreach (var kv in y.Fields) d[kv.Key] = kv.Value;
        return new StructValue(d, x.Constructor);
    }

    private static string CtorName(StructValue s) => s.Constructor is SymbolValue sym ? sym.Name : "struct";

    /// <summary>The "no such attribute" error text.</summary>
    public string MissingAttr(string name) => $"{CtorName(this)} struct has no .{name} attribute";
}

/// <summary>A unique constructor made by gensym(name=...); calling it builds a branded struct.</summary>
public sealed class SymbolValue(string name) : Value, ICallable
{
    /// <inheritdoc/>
    public string Name { get; } = name;
    /// <inheritdoc/>
    public override string Type => "symbol";
    /// <inheritdoc/>
    public override int Hash() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => sb.Append(Name);

    /// <inheritdoc/>
    public Value Call(StarlarkThread thread, Value[] args, KeyValuePair<string, Value>[]? kwargs)
    {
        if (args.Length > 0) throw new EvalException($"{Name}: unexpected positional arguments");
        return new StructValue(kwargs ?? [], this);
    }
}
