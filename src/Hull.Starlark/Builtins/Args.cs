using Hull.Starlark.Values;

namespace Hull.Starlark.Builtins;

/// <summary>Argument checking for built-ins, with starlark-go's error texts.</summary>
public static class Args
{
    /// <summary>Fails when keyword arguments were passed to a built-in that takes none.</summary>
    public static void NoKwargs(string fn, KeyValuePair<string, Value>[]? kwargs)
    {
        if (kwargs is { Length: > 0 }) throw new EvalException($"{fn}: unexpected keyword arguments");
    }

    /// <summary>Checks the count of positional-only arguments.</summary>
    public static void Positional(string fn, Value[] args, KeyValuePair<string, Value>[]? kwargs, int min, int max)
    {
        NoKwargs(fn, kwargs);
        if (args.Length < min) throw new EvalException($"{fn}: got {args.Length} arguments, want at least {min}");
        if (args.Length > max) throw new EvalException($"{fn}: got {args.Length} argument{(args.Length == 1 ? "" : "s")}, want at most {max}");
    }

    /// <summary>
    /// Binds arguments to named parameters; a name ending in '?' is optional. Returns one slot per parameter
    /// (null when an optional one was not given).
    /// </summary>
    public static Value?[] Unpack(string fn, Value[] args, KeyValuePair<string, Value>[]? kwargs, params string[] parameters)
    {
        var slots = new Value?[parameters.Length];
        if (args.Length > parameters.Length)
            throw new EvalException($"{fn}: got {args.Length} arguments, want at most {parameters.Length}");
        for (int i = 0; i < args.Length; i++) slots[i] = args[i];
        if (kwargs != null)
        {
            foreach (var kv in kwargs)
            {
                int idx = -1;
                for (int i = 0; i < parameters.Length; i++)
                {
                    if (parameters[i].TrimEnd('?') == kv.Key) { idx = i; break; }
                }
                if (idx < 0) throw new EvalException($"{fn}: unexpected keyword argument {kv.Key}");
                if (slots[idx] != null) throw new EvalException($"{fn}: got multiple values for keyword argument {kv.Key}");
                slots[idx] = kv.Value;
            }
        }
        for (int i = 0; i < parameters.Length; i++)
        {
            if (slots[i] == null && !parameters[i].EndsWith('?')) throw new EvalException($"{fn}: missing argument for {parameters[i]}");
        }
        return slots;
    }

    /// <summary>Error for a parameter of the wrong type.</summary>
    public static EvalException WrongType(string fn, string param, Value got, string want) =>
        new($"{fn}: for parameter {param}: got {got.Type}, want {want}");

    /// <summary>A string argument.</summary>
    public static string Str(string fn, string param, Value v) =>
        v is StringValue s ? s.Value : throw WrongType(fn, param, v, "string");

    /// <summary>An int argument that fits in 32 bits.</summary>
    public static int Int(string fn, string param, Value v)
    {
        if (v is not IntValue i) throw WrongType(fn, param, v, "int");
        return i.AsInt32() ?? throw new EvalException($"{fn}: for parameter {param}: {i.Repr()} out of range (want value in signed 32-bit range)");
    }

    /// <summary>An optional int argument where None means absent.</summary>
    public static int? OptInt(string fn, string param, Value? v) => v is null or NoneValue ? null : Int(fn, param, v);

    /// <summary>An iterable argument (strings are not iterable).</summary>
    public static IEnumerable<Value> Iterable(string fn, string param, Value v) =>
        v is IIterable it ? it.Iterate() : throw WrongType(fn, param, v, "iterable");

    /// <summary>A callable argument.</summary>
    public static Value Callable(string fn, string param, Value v) =>
        v is ICallable ? v : throw WrongType(fn, param, v, "callable");
}
