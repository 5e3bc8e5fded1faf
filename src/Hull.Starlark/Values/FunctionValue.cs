using System.Text;
using Hull.Starlark.Eval;

namespace Hull.Starlark.Values;

/// <summary>A function defined in Starlark (def or lambda).</summary>
public sealed class FunctionValue : Value, ICallable
{
    private readonly Value?[] _defaults;
    private readonly Cell[] _free;
    private readonly ModuleEnv _module;
    private bool _frozen;

    internal FunctionValue(FunctionCode code, Value?[] defaults, Cell[] free, ModuleEnv module)
    {
        Code = code;
        _defaults = defaults;
        _free = free;
        _module = module;
    }

    internal FunctionCode Code { get; }

    /// <inheritdoc/>
    public string Name => Code.Name;

    /// <summary>Where the function is defined.</summary>
    public Syntax.Position Position => Code.Pos;

    /// <summary>Names of the named parameters.</summary>
    public IReadOnlyList<string> ParamNames => Code.ParamNames;

    /// <inheritdoc/>
    public override string Type => "function";

    /// <inheritdoc/>
    public override int Hash() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => sb.Append("<function ").Append(Code.Name).Append('>');

    /// <inheritdoc/>
    public override void Freeze()
    {
        if (_frozen) return;
        _frozen = true;
        ValueDepth.FreezeEach(_defaults);
        ValueDepth.FreezeEach(_free.Select(c => c.V));
    }

    /// <inheritdoc/>
    public Value Call(StarlarkThread thread, Value[] args, KeyValuePair<string, Value>[]? kwargs)
    {
        Value?[] locals;
        try
        {
            locals = BindArgs(args, kwargs);
        }
        catch (EvalException e) when (RecordEntryFrame(e))
        {
            throw;
        }
        return Invoke(thread, locals);
    }

    // Exception filter: as in Go Starlark, arguments are bound inside the callee, so a binding error's traceback
    // includes the callee, positioned where the call enters it.
    private bool RecordEntryFrame(EvalException e)
    {
        var pos = Code.EntryPos;
        e.AddFrame(Code.Name, pos, Code.Program.SourceLine(pos.Line));
        return false;
    }

    /// <summary>Runs the body with locals already bound (parameters in their slots, cells not yet wrapped).</summary>
    internal Value InvokeWithParams(StarlarkThread thread, Value?[] locals)
    {
        foreach (int cs in Code.CellSlots) locals[cs] = new Cell { V = locals[cs] };
        return Invoke(thread, locals);
    }

    private Value Invoke(StarlarkThread thread, Value?[] locals)
    {
        thread.PushCall(Code);
        var frame = new Frame(locals, _free, _module, thread);
        try
        {
            Code.Body.Exec(frame);
            return frame.Result;
        }
        catch (EvalException e) when (RecordFrame(e))
        {
            throw;
        }
        finally
        {
            thread.PopCall();
        }
    }

    // Exception filter: adds this call to the traceback while the error passes (never catches).
    private bool RecordFrame(EvalException e)
    {
        var pos = e.PendingPos ?? Code.Pos;
        e.AddFrame(Code.Name, pos, Code.Program.SourceLine(pos.Line));
        e.PendingPos = null;
        return false;
    }

    private Value?[] BindArgs(Value[] args, KeyValuePair<string, Value>[]? kwargs)
    {
        var c = Code;
        var locals = new Value?[c.NumLocals];
        int nparams = c.NumParams;
        int npos = nparams - c.NumKwOnly;
        int n = args.Length;
        if (n > npos)
        {
            if (!c.HasVarargs)
            {
                if (npos == 0) throw new EvalException($"function {c.Name} accepts no positional arguments ({n} given)");
                // Go Starlark says "at most" only when some positional parameter has a default.
                bool optional = false;
                for (int i = 0; i < npos; i++) optional |= _defaults[i] is not null;
                throw new EvalException($"function {c.Name} accepts {(optional ? "at most " : "")}{npos} positional argument{(npos == 1 ? "" : "s")} ({n} given)");
            }
            n = npos;
        }
        Array.Copy(args, locals, n);
        int slot = nparams;
        if (c.HasVarargs)
        {
            locals[slot++] = args.Length > npos ? new TupleValue(args[npos..]) : TupleValue.Empty;
        }
        DictValue? kwdict = null;
        if (c.HasKwargs) locals[slot] = kwdict = new DictValue();
        if (kwargs != null)
        {
            foreach (var kv in kwargs)
            {
                int i = Array.IndexOf(c.ParamNames, kv.Key);
                if (i >= 0)
                {
                    if (locals[i] != null) throw new EvalException($"function {c.Name} got multiple values for parameter \"{kv.Key}\"");
                    locals[i] = kv.Value;
                }
                else if (kwdict != null)
                {
                    var k = StringValue.Of(kv.Key);
                    if (kwdict.Table.TryGet(k, out _)) throw new EvalException($"function {c.Name} got multiple values for parameter \"{kv.Key}\"");
                    kwdict.Table.Set(k, kv.Value);
                }
                else
                {
                    string msg = $"function {c.Name} got an unexpected keyword argument \"{kv.Key}\"";
                    if (Resolve.Spelling.Nearest(kv.Key, c.ParamNames) is { } near) msg += $" (did you mean {near}?)";
                    throw new EvalException(msg);
                }
            }
        }
        List<string>? missing = null;
        for (int i = 0; i < nparams; i++)
        {
            if (locals[i] != null) continue;
            if (_defaults[i] is { } d) locals[i] = d;
            else (missing ??= []).Add(c.ParamNames[i]);
        }
        if (missing != null)
            throw new EvalException($"function {c.Name} missing {missing.Count} argument{(missing.Count == 1 ? "" : "s")} ({string.Join(", ", missing)})");
        foreach (int cs in c.CellSlots) locals[cs] = new Cell { V = locals[cs] };
        return locals;
    }
}
