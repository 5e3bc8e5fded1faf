using System.Text;

namespace Hull.Starlark.Values;

/// <summary>An immutable tuple.</summary>
public sealed class TupleValue : Value, ISliceable, ISequence, IContainer
{
    /// <summary>The empty tuple.</summary>
    public static readonly TupleValue Empty = new([]);

    /// <summary>Creates a tuple owning <paramref name="items"/>.</summary>
    public TupleValue(Value[] items) => Items = items;

    /// <summary>The elements (do not mutate).</summary>
    public Value[] Items { get; }

    /// <inheritdoc/>
    public override string Type => "tuple";
    /// <inheritdoc/>
    public override bool Truth => Items.Length > 0;
    /// <inheritdoc/>
    public int Len => Items.Length;

    /// <inheritdoc/>
    public override void Freeze()
    {
        ValueDepth.FreezeEach(Items);
    }

    /// <inheritdoc/>
    public override int Hash()
    {
        ValueDepth.Enter("hash");
        try
        {
            int h = 0x345678;
            foreach (var v in Items) h = h * 1000003 ^ v.Hash();
            return h;
        }
        finally
        {
            ValueDepth.Leave();
        }
    }

    /// <inheritdoc/>
    public Value Index(int i) => Items[i];

    /// <inheritdoc/>
    public Value Slice(int start, int end, int step)
    {
        if (step == 1) return start < end ? new TupleValue(Items[start..end]) : Empty;
        var l = new List<Value>();
        if (step > 0) for (int i = start; i < end; i += step) l.Add(Items[i]);
        else for (int i = start; i > end; i += step) l.Add(Items[i]);
        return new TupleValue(l.ToArray());
    }

    /// <inheritdoc/>
    public IEnumerable<Value> Iterate() => Items;

    /// <inheritdoc/>
    public bool Contains(Value y)
    {
        foreach (var x in Items) if (Ops.Equal(x, y)) return true;
        return false;
    }

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb)
    {
        ValueDepth.Enter("print");
        try
        {
            sb.Append('(');
            for (int i = 0; i < Items.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                Items[i].WriteRepr(sb);
            }
            if (Items.Length == 1) sb.Append(',');
            sb.Append(')');
        }
        finally
        {
            ValueDepth.Leave();
        }
    }

    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth) => Ops.SequencesEqual(Items, ((TupleValue)other).Items, depth);
}
