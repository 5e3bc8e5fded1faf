using Hull.Failures;
using Hull.Starlark;
using Hull.Starlark.Values;

namespace Hull.Templating.Values;

/// <summary>Arguments of a host function call, with starlark-go's unpacking error texts.</summary>
public readonly struct HostArgs(StarlarkThread thread, Value[] args, KeyValuePair<string, Value>[]? kwargs)
{
    /// <summary>The calling thread.</summary>
    public StarlarkThread Thread { get; } = thread;
    /// <summary>Positional arguments.</summary>
    public Value[] Positional { get; } = args;
    /// <summary>Keyword arguments.</summary>
    public KeyValuePair<string, Value>[] Named { get; } = kwargs ?? [];

    /// <summary>Requires exactly <paramref name="n"/> positional and no keyword arguments.</summary>
    public void Exactly(int n)
    {
        if (Named.Length > 0) throw new HostError($"unexpected keyword argument \"{Named[0].Key}\"");
        if (Positional.Length != n) throw new HostError($"got {Positional.Length} arguments, want {n}");
    }

    /// <summary>Requires at most <paramref name="n"/> positional arguments.</summary>
    public void AtMost(int n)
    {
        if (Positional.Length > n) throw new HostError($"got {Positional.Length} arguments, want at most {n}");
    }

    /// <summary>Requires at least <paramref name="n"/> positional arguments.</summary>
    public void AtLeast(int n)
    {
        if (Positional.Length < n) throw new HostError($"got {Positional.Length} arguments, want at least {n}");
    }

    /// <summary>Only the listed keyword arguments are allowed.</summary>
    public void AllowKwargs(params string[] names)
    {
        foreach (var kv in Named)
        {
            if (Array.IndexOf(names, kv.Key) < 0) throw new HostError($"unexpected keyword argument \"{kv.Key}\"");
        }
    }

    /// <summary>A keyword argument or null.</summary>
    public Value? Kwarg(string name)
    {
        foreach (var kv in Named)
        {
            if (kv.Key == name) return kv.Value;
        }
        return null;
    }

    /// <summary>Positional argument i as a string.</summary>
    public string String(int i)
    {
        return Positional[i] is StringValue s ? s.Value : throw new HostError($"expected argument #{i + 1} to be a string, but was {Positional[i].Type}");
    }
}

/// <summary>A failure inside a host function; the message gets the function's name as prefix.</summary>
public sealed class HostError(string message) : HullException(message);

/// <summary>Builds Starlark built-ins from C# lambdas, prefixing their failures with the built-in's name as ytt does.</summary>
public static class HostFunction
{
    /// <summary>Creates a built-in named <paramref name="name"/>.</summary>
    public static BuiltinFunction Create(string name, Func<HostArgs, Value> body) =>
        new(name, (thread, fn, args, kwargs) =>
        {
            try
            {
                return body(new HostArgs(thread, args, kwargs));
            }
            catch (HostError e)
            {
                throw new EvalException($"{fn.Name}: {e.Message}");
            }
        });

    /// <summary>A module value from members.</summary>
    public static ModuleValue Module(string name, params BuiltinFunction[] members) =>
        new(name, members.Select(m => new KeyValuePair<string, Value>(m.Name[(m.Name.IndexOf('.', StringComparison.Ordinal) + 1)..], m)));
}
