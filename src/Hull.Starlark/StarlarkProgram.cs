using Hull.Starlark.Builtins;
using Hull.Starlark.Eval;
using Hull.Starlark.Resolve;
using Hull.Starlark.Syntax;
using Hull.Starlark.Values;

namespace Hull.Starlark;

/// <summary>A compiled Starlark file, ready to execute any number of times.</summary>
public sealed class StarlarkProgram
{
    private string[]? _lines;
    internal FunctionCode TopLevel = null!;
    internal string[] GlobalNamesArray = [];
    internal string[] PredeclaredUsed = [];

    private StarlarkProgram(string filename, string source, DialectOptions dialect)
    {
        Filename = filename;
        Source = source;
        Dialect = dialect;
    }

    /// <summary>The file name used in positions.</summary>
    public string Filename { get; }

    /// <summary>The source text.</summary>
    public string Source { get; }

    /// <summary>The dialect the program was compiled with.</summary>
    public DialectOptions Dialect { get; }

    /// <summary>Modules named by load statements, in order.</summary>
    public IReadOnlyList<string> Loads { get; private set; } = [];

    /// <summary>Names of the module's globals, in definition order.</summary>
    public IReadOnlyList<string> GlobalNames => GlobalNamesArray;

    /// <summary>
    /// Parses, resolves and compiles a file. <paramref name="predeclared"/> names the host values available to it
    /// (their values are supplied to <see cref="Execute"/>). Throws <see cref="SyntaxError"/> or <see cref="ResolveErrors"/>.
    /// </summary>
    public static StarlarkProgram Compile(string filename, string source, IEnumerable<string>? predeclared = null,
        ParseOptions? parseOptions = null, DialectOptions? dialect = null)
    {
        var file = Parser.ParseFile(filename, source, parseOptions);
        var names = predeclared as ISet<string> ?? new HashSet<string>(predeclared ?? []);
        dialect ??= DialectOptions.Ytt;
        Resolver.ResolveFile(file, names.Contains, Universe.Contains, dialect);
        var program = new StarlarkProgram(filename, source, dialect);
        var compiler = new Compiler(program);
        program.TopLevel = compiler.CompileTopLevel(file);
        program.GlobalNamesArray = [.. file.Globals];
        program.PredeclaredUsed = compiler.PredeclaredNames;
        program.Loads = file.Stmts.OfType<LoadStmt>().Select(l => l.Module).ToList();
        return program;
    }

    /// <summary>
    /// Runs the program's top level on <paramref name="thread"/> and returns its globals (frozen afterwards).
    /// Throws <see cref="EvalException"/> with a traceback on failure.
    /// </summary>
    public StarlarkGlobals Execute(StarlarkThread thread, IReadOnlyDictionary<string, Value>? predeclared = null)
    {
        var pre = new Value[PredeclaredUsed.Length];
        for (int i = 0; i < pre.Length; i++)
        {
            if (predeclared == null || !predeclared.TryGetValue(PredeclaredUsed[i], out var v))
                throw new EvalException($"{Filename}: predeclared name {PredeclaredUsed[i]} has no value");
            pre[i] = v;
        }
        var env = new ModuleEnv(this, new Value?[GlobalNamesArray.Length], pre);
        var locals = new Value?[TopLevel.NumLocals];
        foreach (int cs in TopLevel.CellSlots) locals[cs] = new Cell();
        var frame = new Frame(locals, [], env, thread);
        try
        {
            TopLevel.Body.Exec(frame);
        }
        catch (EvalException e)
        {
            var pos = e.PendingPos ?? new Position(Filename, 1, 1);
            e.AddFrame("<toplevel>", pos, SourceLine(pos.Line));
            e.PendingPos = null;
            throw;
        }
        var globals = new StarlarkGlobals(GlobalNamesArray, env.Globals);
        globals.Freeze();
        return globals;
    }

    /// <summary>Compiles and executes in one step.</summary>
    public static StarlarkGlobals ExecFile(StarlarkThread thread, string filename, string source,
        IReadOnlyDictionary<string, Value>? predeclared = null, ParseOptions? parseOptions = null, DialectOptions? dialect = null)
    {
        var p = Compile(filename, source, predeclared?.Keys, parseOptions, dialect);
        return p.Execute(thread, predeclared);
    }

    /// <summary>Evaluates one expression with the given predeclared values.</summary>
    public static Value EvalExpression(StarlarkThread thread, string filename, string expression, IReadOnlyDictionary<string, Value>? predeclared = null)
    {
        var globals = ExecFile(thread, filename, "__expr_result__ = (" + expression + "\n)\n", predeclared);
        return globals["__expr_result__"];
    }

    internal string? SourceLine(int line)
    {
        _lines ??= Source.Split('\n');
        return line >= 1 && line <= _lines.Length ? _lines[line - 1].TrimEnd('\r') : null;
    }
}

/// <summary>The globals of an executed module, in definition order.</summary>
public sealed class StarlarkGlobals : IReadOnlyDictionary<string, Value>
{
    private readonly Dictionary<string, Value> _map = [];
    private readonly List<string> _order = [];

    internal StarlarkGlobals(string[] names, Value?[] values)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (values[i] is { } v)
            {
                _map[names[i]] = v;
                _order.Add(names[i]);
            }
        }
    }

    /// <summary>Freezes every global value.</summary>
    public void Freeze()
    {
        foreach (var v in _map.Values) v.Freeze();
    }

    /// <inheritdoc/>
    public Value this[string key] => _map[key];
    /// <inheritdoc/>
    public IEnumerable<string> Keys => _order;
    /// <inheritdoc/>
    public IEnumerable<Value> Values => _order.Select(k => _map[k]);
    /// <inheritdoc/>
    public int Count => _order.Count;
    /// <inheritdoc/>
    public bool ContainsKey(string key) => _map.ContainsKey(key);
    /// <inheritdoc/>
    public bool TryGetValue(string key, out Value value) => _map.TryGetValue(key, out value!);
    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, Value>> GetEnumerator() => _order.Select(k => new KeyValuePair<string, Value>(k, _map[k])).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
