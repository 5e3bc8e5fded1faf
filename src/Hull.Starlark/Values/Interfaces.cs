namespace Hull.Starlark.Values;

/// <summary>A value with attributes (x.name).</summary>
public interface IHasAttributes
{
    /// <summary>The attribute, or null when there is none (the engine then reports "no .name field or method").</summary>
    Value? GetAttr(string name);

    /// <summary>Names of the attributes, for dir() and spelling hints.</summary>
    IEnumerable<string> AttrNames { get; }
}

/// <summary>A value whose attributes can be assigned (x.name = v).</summary>
public interface IHasSetField : IHasAttributes
{
    /// <summary>Sets the field; throw <see cref="EvalException"/> to refuse.</summary>
    void SetField(string name, Value value);
}

/// <summary>A callable value.</summary>
public interface ICallable
{
    /// <summary>Name used in error messages and tracebacks.</summary>
    string Name { get; }

    /// <summary>Calls the value.</summary>
    Value Call(StarlarkThread thread, Value[] args, KeyValuePair<string, Value>[]? kwargs);
}

/// <summary>A value that can be iterated (for loops, list(x), ...).</summary>
public interface IIterable
{
    /// <summary>The elements; iterating must not observe concurrent mutation (mutable values fail mutations instead).</summary>
    IEnumerable<Value> Iterate();
}

/// <summary>A finite iterable with a length.</summary>
public interface ISequence : IIterable
{
    /// <summary>Number of elements.</summary>
    int Len { get; }
}

/// <summary>A sequence supporting x[i] with 0 &lt;= i &lt; Len.</summary>
public interface IIndexable
{
    /// <summary>Number of elements.</summary>
    int Len { get; }

    /// <summary>The element at a valid index.</summary>
    Value Index(int i);
}

/// <summary>A sequence supporting x[lo:hi:step].</summary>
public interface ISliceable : IIndexable
{
    /// <summary>The slice for normalized bounds.</summary>
    Value Slice(int start, int end, int step);
}

/// <summary>A value supporting x[k] lookups by key.</summary>
public interface IMapping
{
    /// <summary>The value for <paramref name="key"/>, or null when absent (the engine reports a missing key).</summary>
    Value? Get(Value key);
}

/// <summary>A mapping whose entries can be listed, so it can be spread with `**` (Go Starlark's IterableMapping).</summary>
public interface IIterableMapping : IMapping
{
    /// <summary>The entries in iteration order.</summary>
    IEnumerable<KeyValuePair<Value, Value>> Items();
}

/// <summary>A value supporting x[i] = v.</summary>
public interface IHasSetIndex
{
    /// <summary>Assigns element i (or key).</summary>
    void SetIndex(Value key, Value value);
}

/// <summary>A value supporting `y in x`.</summary>
public interface IContainer
{
    /// <summary>Membership test.</summary>
    bool Contains(Value y);
}

/// <summary>A host value defining binary operators; return null when the operation is not supported.</summary>
public interface IHasBinary
{
    /// <summary>Applies op with this value on the left (<paramref name="thisOnLeft"/>) or right.</summary>
    Value? Binary(Syntax.TokenKind op, Value other, bool thisOnLeft);
}
