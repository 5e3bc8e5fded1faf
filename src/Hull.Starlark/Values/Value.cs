using System.Text;

namespace Hull.Starlark.Values;

/// <summary>Base of every Starlark value. Host values derive from it and opt into behaviour via the interfaces in this namespace.</summary>
public abstract class Value
{
    /// <summary>The name returned by type().</summary>
    public abstract string Type { get; }

    /// <summary>Truth value (bool(x)).</summary>
    public virtual bool Truth => true;

    /// <summary>Makes the value (and everything reachable) immutable.</summary>
    public virtual void Freeze() { }

    /// <summary>Hash for use as a dict key or set element; throws when unhashable.</summary>
    public virtual int Hash() => throw new EvalException($"unhashable type: {Type}");

    /// <summary>Writes repr(x).</summary>
    public virtual void WriteRepr(StringBuilder sb) => sb.Append('<').Append(Type).Append('>');

    /// <summary>Writes str(x); same as repr except for strings.</summary>
    public virtual void WriteStr(StringBuilder sb) => WriteRepr(sb);

    /// <summary>Equality against a value of the same concrete type (depth guards cycles).</summary>
    public virtual bool EqualsSameType(Value other, int depth) => ReferenceEquals(this, other);

    /// <summary>Whether &lt; and friends are defined between two values of this type.</summary>
    public virtual bool IsOrdered => false;

    /// <summary>Three-way comparison against a value of the same type, when <see cref="IsOrdered"/>.</summary>
    public virtual int CompareSameType(Value other, int depth) => throw new InvalidOperationException();

    /// <summary>repr(x).</summary>
    public virtual string Repr()
    {
        var sb = new StringBuilder();
        WriteRepr(sb);
        return sb.ToString();
    }

    /// <summary>str(x).</summary>
    public virtual string Str()
    {
        var sb = new StringBuilder();
        WriteStr(sb);
        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Str();
}
