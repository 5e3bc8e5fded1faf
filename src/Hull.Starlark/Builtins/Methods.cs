using Hull.Starlark.Values;

namespace Hull.Starlark.Builtins;

/// <summary>Implementation of a built-in method: receives its name and receiver explicitly so calls need not bind.</summary>
public delegate Value MethodImpl(StarlarkThread thread, string name, Value recv, Value[] args, KeyValuePair<string, Value>[]? kwargs);

/// <summary>The methods of the built-in types (string, list, dict, set).</summary>
public static class Methods
{
    private static readonly Dictionary<string, MethodImpl> StringMethodTable = StringMethods.Create();
    private static readonly Dictionary<string, MethodImpl> ListMethodTable = ListMethods.Create();
    private static readonly Dictionary<string, MethodImpl> DictMethodTable = DictMethods.Create();
    private static readonly Dictionary<string, MethodImpl> SetMethodTable = SetOps.Create();

    private static Dictionary<string, MethodImpl>? Table(Value x) => x switch
    {
        StringValue => StringMethodTable,
        ListValue => ListMethodTable,
        DictValue => DictMethodTable,
        SetValue => SetMethodTable,
        _ => null,
    };

    /// <summary>The method implementation for x.name, or null.</summary>
    public static MethodImpl? Find(Value x, string name) => Table(x) is { } t && t.TryGetValue(name, out var m) ? m : null;

    /// <summary>x.name as a bound method value, or null.</summary>
    public static Value? Lookup(Value x, string name)
    {
        var impl = Find(x, name);
        if (impl == null) return null;
        return new BuiltinFunction(name, (t, fn, a, k) => impl(t, fn.Name, fn.Receiver!, a, k), x);
    }

    /// <summary>Names of x's built-in methods.</summary>
    public static IEnumerable<string> Names(Value x) => Table(x)?.Keys ?? Enumerable.Empty<string>();
}
