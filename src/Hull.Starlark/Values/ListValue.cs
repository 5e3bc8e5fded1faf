using System.Text;

namespace Hull.Starlark.Values;

/// <summary>A mutable list.</summary>
public sealed class ListValue : Value, ISliceable, ISequence, IContainer, IHasSetIndex
{
    private bool _frozen;
    private int _iterCount;

    /// <summary>Creates a list owning <paramref name="items"/>.</summary>
    public ListValue(List<Value> items) => Items = items;

    /// <summary>Creates an empty list.</summary>
    public ListValue() => Items = [];

    /// <summary>The elements (mutate only through the checked methods unless you own the list).</summary>
    public List<Value> Items { get; }

    /// <inheritdoc/>
    public override string Type => "list";
    /// <inheritdoc/>
    public override bool Truth => Items.Count > 0;
    /// <inheritdoc/>
    public int Len => Items.Count;
    /// <summary>Whether frozen.</summary>
    public bool Frozen => _frozen;

    /// <inheritdoc/>
    public override void Freeze()
    {
        if (_frozen) return;
        _frozen = true;
        ValueDepth.FreezeEach(Items);
    }

    /// <summary>Fails when the list may not be mutated now.</summary>
    public void CheckMutable(string verb)
    {
        if (_frozen) throw new EvalException($"cannot {verb} frozen list");
        if (_iterCount > 0) throw new EvalException($"cannot {verb} list during iteration");
    }

    /// <summary>Appends after checking mutability.</summary>
    public void Append(Value v)
    {
        if (_frozen || _iterCount > 0) CheckMutable("append to");
        Items.Add(v);
    }

    /// <inheritdoc/>
    public Value Index(int i) => Items[i];

    /// <inheritdoc/>
    public Value Slice(int start, int end, int step)
    {
        if (step == 1) return new ListValue(start < end ? Items.GetRange(start, end - start) : []);
        var l = new List<Value>();
        if (step > 0) for (int i = start; i < end; i += step) l.Add(Items[i]);
        else for (int i = start; i > end; i += step) l.Add(Items[i]);
        return new ListValue(l);
    }

    /// <inheritdoc/>
    public IEnumerable<Value> Iterate()
    {
        _iterCount++;
        try
        {
            for (int i = 0; i < Items.Count; i++) yield return Items[i];
        }
        finally
        {
            _iterCount--;
        }
    }

    /// <summary>Marks the start of an index-based iteration (for loops use this instead of an enumerator).</summary>
    public void BeginIteration() => _iterCount++;

    /// <summary>Marks the end of an index-based iteration.</summary>
    public void EndIteration() => _iterCount--;

    /// <inheritdoc/>
    public bool Contains(Value y)
    {
        foreach (var x in Items) if (Ops.Equal(x, y)) return true;
        return false;
    }

    /// <inheritdoc/>
    public void SetIndex(Value key, Value value)
    {
        CheckMutable("assign to element of");
        int i = Ops.AsIndex(key, Items.Count, "list");
        Items[i] = value;
    }

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb)
    {
        if (!ReprGuard.Enter(this, "print")) { sb.Append("[...]"); return; }
        try
        {
            sb.Append('[');
            for (int i = 0; i < Items.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                Items[i].WriteRepr(sb);
            }
            sb.Append(']');
        }
        finally
        {
            ReprGuard.Leave(this);
        }
    }

    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth) => Ops.SequencesEqual(Items, ((ListValue)other).Items, depth);
}

/// <summary>Detects cycles while printing containers.</summary>
internal static class ReprGuard
{
    [ThreadStatic] private static HashSet<object>? _active;

    /// <summary>False when <paramref name="o"/> is already being printed (a cycle); otherwise enters one level of nesting.</summary>
    /// <exception cref="EvalException">The value is nested too deeply to <paramref name="what"/>.</exception>
    public static bool Enter(object o, string what)
    {
        var active = _active ??= new(ReferenceEqualityComparer.Instance);
        if (active.Contains(o)) return false;
        ValueDepth.Enter(what);
        active.Add(o);
        return true;
    }

    /// <summary>Leaves a level entered with <see cref="Enter"/>.</summary>
    public static void Leave(object o)
    {
        _active!.Remove(o);
        ValueDepth.Leave();
    }
}
