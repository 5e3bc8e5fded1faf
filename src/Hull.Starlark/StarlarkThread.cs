using System.Runtime.CompilerServices;
using Hull.Starlark.Eval;
using Hull.Starlark.Values;

namespace Hull.Starlark;

/// <summary>
/// The state of one Starlark execution: load hook, print hook, execution limits and host-owned per-thread storage.
/// A thread is used by one .NET thread at a time.
/// </summary>
public sealed class StarlarkThread
{
    private long _steps;
    private long _maxSteps = long.MaxValue;
    private string? _cancelReason;
    private FunctionCode[] _stack = new FunctionCode[64];
    private int _depth;
    private readonly Dictionary<string, object?> _locals = [];

    /// <summary>A name for diagnostics.</summary>
    public string Name { get; init; } = "";

    /// <summary>Resolves load("module", ...) to the globals of that module (the host caches and detects cycles).</summary>
    public Func<StarlarkThread, string, IReadOnlyDictionary<string, Value>>? Load { get; set; }

    /// <summary>Receives print() output; defaults to standard error.</summary>
    public Action<StarlarkThread, string>? Print { get; set; }

    /// <summary>The step budget (loop iterations plus calls); exceeding it fails the execution.</summary>
    public long MaxSteps
    {
        get => _maxSteps;
        set => _maxSteps = value <= 0 ? long.MaxValue : value;
    }

    /// <summary>Steps taken so far.</summary>
    public long Steps => _steps;

    /// <summary>Maximum depth of nested Starlark function calls.</summary>
    public int MaxCallDepth { get; set; } = 5000;

    /// <summary>Current depth of nested Starlark function calls.</summary>
    public int CallDepth => _depth;

    /// <summary>Stores host data on the thread (ytt keeps per-execution state here).</summary>
    public void SetLocal(string key, object? value) => _locals[key] = value;

    /// <summary>Reads host data stored with <see cref="SetLocal"/>, or null.</summary>
    public object? GetLocal(string key) => _locals.GetValueOrDefault(key);

    /// <summary>Asks the running execution to stop at its next step with the given reason.</summary>
    public void Cancel(string reason)
    {
        _cancelReason = reason;
        Volatile.Write(ref _maxSteps, 0);
    }

    /// <summary>Calls a Starlark callable from C#.</summary>
    public Value Call(Value fn, Value[] args, KeyValuePair<string, Value>[]? kwargs = null) => CallValue(this, fn, args, kwargs);

    /// <summary>Calls a Starlark callable from C# with positional arguments.</summary>
    public Value Call(Value fn, params Value[] args) => CallValue(this, fn, args, null);

    internal static Value CallValue(StarlarkThread thread, Value fn, Value[] args, KeyValuePair<string, Value>[]? kwargs)
    {
        if (fn is ICallable c) return c.Call(thread, args, kwargs);
        throw new EvalException($"invalid call of non-function ({fn.Type})");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Step()
    {
        if (++_steps > _maxSteps) StepsExceeded();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StepsExceeded()
    {
        if (_cancelReason != null) throw new EvalException("Starlark computation cancelled: " + _cancelReason);
        throw new EvalException($"Starlark computation cancelled: too many steps (limit {_maxSteps})");
    }

    internal void PushCall(FunctionCode code)
    {
        Step();
        if (_depth >= MaxCallDepth) throw new EvalException($"maximum recursion depth exceeded ({MaxCallDepth} nested calls)");
        if ((_depth & 7) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new EvalException($"maximum recursion depth exceeded (host stack exhausted at {_depth} nested calls)");
        if (!code.Program.Dialect.AllowRecursion)
        {
            for (int i = 0; i < _depth; i++)
                if (_stack[i] == code) throw new EvalException($"function {code.Name} called recursively");
        }
        if (_depth == _stack.Length) Array.Resize(ref _stack, _stack.Length * 2);
        _stack[_depth++] = code;
    }

    internal void PopCall() => _stack[--_depth] = null!;

    internal IReadOnlyDictionary<string, Value> LoadModule(string module)
    {
        if (Load == null) throw new EvalException("load not implemented by this application");
        return Load(this, module);
    }

    internal void DoPrint(string msg)
    {
        if (Print != null) Print(this, msg);
        else Console.Error.WriteLine(msg);
    }
}
