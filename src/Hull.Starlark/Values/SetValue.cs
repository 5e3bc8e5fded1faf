using System.Text;

namespace Hull.Starlark.Values;

/// <summary>A mutable, insertion-ordered set.</summary>
public sealed class SetValue : Value, ISequence, IContainer
{
    /// <summary>The elements (values are None).</summary>
    public HashTable Table { get; } = new();

    /// <inheritdoc/>
    public override string Type => "set";
    /// <inheritdoc/>
    public override bool Truth => Table.Count > 0;
    /// <inheritdoc/>
    public int Len => Table.Count;

    /// <inheritdoc/>
    public override void Freeze()
    {
        if (Table.Frozen) return;
        Table.Freeze();
        ValueDepth.FreezeEach(Table.KeyList());
    }

    /// <summary>Adds an element.</summary>
    public void Add(Value v) => Table.Set(v, NoneValue.None);

    /// <inheritdoc/>
    public IEnumerable<Value> Iterate()
    {
        foreach (var kv in Table.Entries()) yield return kv.Key;
    }

    /// <inheritdoc/>
    public bool Contains(Value y) => Table.TryGet(y, out _);

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb)
    {
        ValueDepth.Enter("print");
        try
        {
            sb.Append("set([");
            bool first = true;
            foreach (var k in Table.KeyList())
            {
                if (!first) sb.Append(", ");
                first = false;
                k.WriteRepr(sb);
            }
            sb.Append("])");
        }
        finally
        {
            ValueDepth.Leave();
        }
    }

    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth)
    {
        var o = (SetValue)other;
        if (Table.Count != o.Table.Count) return false;
        foreach (var k in Table.KeyList()) if (!o.Table.TryGet(k, out _)) return false;
        return true;
    }
}
