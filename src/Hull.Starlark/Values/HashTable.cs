namespace Hull.Starlark.Values;

/// <summary>Starlark key equality and hashing for .NET collections.</summary>
public sealed class ValueComparer : IEqualityComparer<Value>
{
    /// <summary>The instance.</summary>
    public static readonly ValueComparer Instance = new();

    /// <inheritdoc/>
    public bool Equals(Value? x, Value? y)
    {
        if (x is StringValue xs) return y is StringValue ys ? (ReferenceEquals(xs, ys) || xs.Value == ys.Value) : false;
        if (x is IntValue xi && y is IntValue yi && xi.IsSmall && yi.IsSmall) return xi.Small == yi.Small;
        return x != null && y != null && Ops.Equal(x, y);
    }

    /// <inheritdoc/>
    public int GetHashCode(Value obj) => obj.Hash();
}

/// <summary>An insertion-ordered hash table shared by dict and set, with freezing and iteration guards.</summary>
public sealed class HashTable
{
    private Value?[] _keys = new Value?[8];
    private Value?[] _vals = new Value?[8];
    private int _used; // slots used, including deleted ones
    private Dictionary<Value, int>? _index;
    private int _count;

    /// <summary>Whether frozen.</summary>
    public bool Frozen { get; private set; }

    /// <summary>Number of active iterations (mutation fails while positive).</summary>
    public int IterCount { get; set; }

    /// <summary>Number of entries.</summary>
    public int Count => _count;

    private Dictionary<Value, int> Index => _index ??= new Dictionary<Value, int>(ValueComparer.Instance);

    /// <summary>Freezes the table (not its contents).</summary>
    public void Freeze() => Frozen = true;

    private void CheckMutable(string verb)
    {
        if (Frozen) throw new EvalException($"cannot {verb} frozen hash table");
        if (IterCount > 0) throw new EvalException($"cannot {verb} hash table during iteration");
    }

    /// <summary>Looks up a key.</summary>
    public bool TryGet(Value key, out Value value)
    {
        if (_count == 0)
        {
            key.Hash(); // reject unhashable keys even when the table is empty
            value = NoneValue.None;
            return false;
        }
        if (_index!.TryGetValue(key, out int slot))
        {
            value = _vals[slot]!;
            return true;
        }
        value = NoneValue.None;
        return false;
    }

    /// <summary>Inserts or replaces.</summary>
    public void Set(Value key, Value value)
    {
        if (Frozen || IterCount > 0) CheckMutable("insert into");
        ref int slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Index, key, out bool exists);
        if (exists)
        {
            _vals[slot] = value;
            return;
        }
        if (_used == _keys.Length)
        {
            // Growing may compact and rebuild the index, which invalidates the ref.
            _index!.Remove(key);
            Grow();
            _index[key] = _used;
        }
        else slot = _used;
        _keys[_used] = key;
        _vals[_used] = value;
        _used++;
        _count++;
    }

    /// <summary>Removes a key; returns whether it was present.</summary>
    public bool Delete(Value key, out Value value)
    {
        CheckMutable("delete from");
        value = NoneValue.None;
        if (_count == 0) { key.Hash(); return false; }
        if (!Index.Remove(key, out int slot)) return false;
        value = _vals[slot]!;
        _keys[slot] = null;
        _vals[slot] = null;
        _count--;
        return true;
    }

    /// <summary>Removes everything.</summary>
    public void Clear()
    {
        CheckMutable("clear");
        _keys = new Value?[8];
        _vals = new Value?[8];
        _used = 0;
        _count = 0;
        _index?.Clear();
    }

    private void Grow()
    {
        if (_count < _used * 3 / 4)
        {
            // Compact away deleted slots.
            int j = 0;
            _index!.Clear();
            for (int i = 0; i < _used; i++)
            {
                if (_keys[i] is { } k)
                {
                    _keys[j] = k;
                    _vals[j] = _vals[i];
                    _index[k] = j;
                    j++;
                }
            }
            for (int i = j; i < _used; i++) { _keys[i] = null; _vals[i] = null; }
            _used = j;
            if (_used < _keys.Length) return;
        }
        Array.Resize(ref _keys, _keys.Length * 2);
        Array.Resize(ref _vals, _vals.Length * 2);
    }

    /// <summary>Entries in insertion order; guards against mutation while enumerating.</summary>
    public IEnumerable<KeyValuePair<Value, Value>> Entries()
    {
        IterCount++;
        try
        {
            for (int i = 0; i < _used; i++)
                if (_keys[i] is { } k) yield return new(k, _vals[i]!);
        }
        finally
        {
            IterCount--;
        }
    }

    /// <summary>Keys in insertion order, as a snapshot.</summary>
    public List<Value> KeyList()
    {
        var l = new List<Value>(_count);
        for (int i = 0; i < _used; i++) if (_keys[i] is { } k) l.Add(k);
        return l;
    }

    /// <summary>Entries as a snapshot.</summary>
    public List<KeyValuePair<Value, Value>> EntryList()
    {
        var l = new List<KeyValuePair<Value, Value>>(_count);
        for (int i = 0; i < _used; i++) if (_keys[i] is { } k) l.Add(new(k, _vals[i]!));
        return l;
    }

    /// <summary>The first entry in insertion order, if any.</summary>
    public KeyValuePair<Value, Value>? First()
    {
        for (int i = 0; i < _used; i++) if (_keys[i] is { } k) return new(k, _vals[i]!);
        return null;
    }
}
