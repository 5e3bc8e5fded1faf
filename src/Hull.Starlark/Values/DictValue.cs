using System.Text;

namespace Hull.Starlark.Values;

/// <summary>A mutable, insertion-ordered dict.</summary>
public sealed class DictValue : Value, ISequence, IMapping, IContainer, IHasSetIndex
{
    /// <summary>The entries.</summary>
    public HashTable Table { get; } = new();

    /// <inheritdoc/>
    public override string Type => "dict";
    /// <inheritdoc/>
    public override bool Truth => Table.Count > 0;
    /// <inheritdoc/>
    public int Len => Table.Count;

    /// <inheritdoc/>
    public override void Freeze()
    {
        if (Table.Frozen) return;
        ValueDepth.Enter("freeze");
        try
        {
            Table.Freeze();
            foreach (var kv in Table.EntryList())
            {
                kv.Key.Freeze();
                kv.Value.Freeze();
            }
        }
        finally
        {
            ValueDepth.Leave();
        }
    }

    /// <summary>Sets d[k] = v.</summary>
    public void Set(Value key, Value value) => Table.Set(key, value);

    /// <summary>Sets d[k] = v for a string key.</summary>
    public void Set(string key, Value value) => Table.Set(StringValue.Of(key), value);

    /// <inheritdoc/>
    public Value? Get(Value key) => Table.TryGet(key, out var v) ? v : null;

    /// <inheritdoc/>
    public void SetIndex(Value key, Value value) => Table.Set(key, value);

    /// <inheritdoc/>
    public IEnumerable<Value> Iterate()
    {
        foreach (var kv in Table.Entries()) yield return kv.Key;
    }

    /// <inheritdoc/>
    public bool Contains(Value y)
    {
        try
        {
            return Table.TryGet(y, out _);
        }
        catch (EvalException) when (y is ListValue or DictValue or SetValue)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb)
    {
        if (!ReprGuard.Enter(this, "print")) { sb.Append("{...}"); return; }
        try
        {
            sb.Append('{');
            bool first = true;
            foreach (var kv in Table.EntryList())
            {
                if (!first) sb.Append(", ");
                first = false;
                kv.Key.WriteRepr(sb);
                sb.Append(": ");
                kv.Value.WriteRepr(sb);
            }
            sb.Append('}');
        }
        finally
        {
            ReprGuard.Leave(this);
        }
    }

    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth)
    {
        var o = (DictValue)other;
        if (Table.Count != o.Table.Count) return false;
        foreach (var kv in Table.EntryList())
        {
            if (!o.Table.TryGet(kv.Key, out var ov)) return false;
            if (!Ops.Equal(kv.Value, ov, depth - 1)) return false;
        }
        return true;
    }
}
