using Hull.Starlark;
using Hull.Starlark.Syntax;
using Hull.Starlark.Values;
using Hull.Templating.Compilation;
using Hull.Templating.Text;
using Hull.Templating.Values;
using Hull.Templating.Yaml;
using Node = Hull.Yaml.Node;

namespace Hull.Templating.Evaluation;

/// <summary>A template compiled to Starlark code plus the node table its host functions build from.</summary>
public sealed class CompiledTemplate
{
    /// <summary>Thread-local key of the template whose node is being built (template.replace acts on it).</summary>
    public const string CurrentKey = "hull.templating.current";

    private readonly InstructionSet _ins;
    private readonly NodeTable _nodes;
    private readonly TemplateOptions _options;
    private readonly List<EvaluationContext> _ctxs = [];
    private readonly List<object?> _callers = []; // the thread's current template before each start_ctx
    private EvaluationContext? _rootCtx;
    private StarlarkProgram? _program;

    /// <summary>Creates a compiled template from generated code lines.</summary>
    public CompiledTemplate(string name, List<CodeLine> code, InstructionSet ins, NodeTable nodes, TemplateOptions options)
        : this(name, code, ins, nodes, options, rewrite: true)
    {
    }

    /// <summary>The template's file name.</summary>
    public string Name { get; }

    /// <summary>The generated code, one entry per line.</summary>
    public IReadOnlyList<CodeLine> Code { get; }

    /// <summary>The generated program text.</summary>
    public string CodeText => Compilation.CodeText.Join(Code);

    /// <summary>The root node built by the top level (a document set or text root), after <see cref="Eval"/>.</summary>
    public object? Result => _rootCtx?.RootNode;

    /// <summary>Compiles a plain Starlark module (no nodes).</summary>
    public static CompiledTemplate ForStarlark(string name, string source, TemplateOptions options)
    {
        var lines = source.Split('\n');
        var code = new List<CodeLine>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            code.Add(new CodeLine(InstructionSet.NewCode(lines[i].TrimEnd('\r')), new SourceLine(name, i + 1, lines[i].TrimEnd('\r'))));
        }
        return new CompiledTemplate(name, code, new InstructionSet(), new NodeTable(), options, rewrite: false);
    }

    private CompiledTemplate(string name, List<CodeLine> code, InstructionSet ins, NodeTable nodes, TemplateOptions options, bool rewrite)
    {
        Name = name;
        _ins = ins;
        _nodes = nodes;
        _options = options;
        Code = rewrite ? FragmentFunctionRewriter.Rewrite(name, code, ins) : code;
    }

    /// <summary>Runs the template on <paramref name="thread"/>; returns its globals (private `_` names removed).</summary>
    public IReadOnlyDictionary<string, Value> Eval(StarlarkThread thread)
    {
        var pre = Instructions();
        // Compiled once: the predeclared names are this template's instructions, the same on every run.
        if (_program is null)
        {
            using (RenderTimings.Measure(_options.Timings, "starlark compile"))
            {
                _program = StarlarkProgram.Compile(Name, CodeText, pre.Keys, ParseOptions.Ytt);
            }
            _options.ProgramCompiled?.Invoke();
        }
        var program = _program;

        using var evaluation = RenderTimings.Measure(_options.Timings, "evaluation");
        _rootCtx = null;
        _ctxs.Clear();
        _callers.Clear();
        var previous = thread.GetLocal(CurrentKey);
        try
        {
            var globals = program.Execute(thread, pre);
            var result = new Dictionary<string, Value>(StringComparer.Ordinal);
            foreach (var kv in globals)
            {
                if (!kv.Key.StartsWith('_')) result[kv.Key] = kv.Value;
            }
            return result;
        }
        finally
        {
            thread.SetLocal(CurrentKey, previous);
        }
    }

    /// <summary>The innermost context of this template (template.replace).</summary>
    public EvaluationContext CurrentContext =>
        _ctxs.Count > 0 ? _ctxs[^1] : throw new HostError("expected to be called within a template");

    private Dictionary<string, Value> Instructions()
    {
        var d = new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            [_ins.SetCtxType] = Fn(_ins.SetCtxType, a => NoneValue.None),
            [_ins.StartCtx] = Fn(_ins.StartCtx, a =>
            {
                var ctx = NewContext(a.String(0));
                _ctxs.Add(ctx);
                if (_ctxs.Count == 1 && _rootCtx is null) _rootCtx = ctx;
                // A fragment function of this template called from another one builds here; when it returns, the
                // caller's template.replace must act on the caller again.
                _callers.Add(a.Thread.GetLocal(CurrentKey));
                a.Thread.SetLocal(CurrentKey, this);
                return NoneValue.None;
            }),
            [_ins.EndCtx] = Fn(_ins.EndCtx, a =>
            {
                if (_ctxs.Count == 0) throw new HostError("unexpected ctx end");
                var ctx = _ctxs[^1];
                Value result = a.Positional.Length switch
                {
                    0 => ctx.RootValue(),
                    1 => a.Positional[0],
                    _ => throw new HostError("expected zero or one argument"),
                };
                _ctxs.RemoveAt(_ctxs.Count - 1);
                a.Thread.SetLocal(CurrentKey, _callers[^1]);
                _callers.RemoveAt(_callers.Count - 1);
                return result;
            }),
            [_ins.Nodes] = new BuiltinFunction(_ins.Nodes, (thread, fn, args, kwargs) =>
            {
                thread.SetLocal(CurrentKey, this);
                int id = args.Length == 1 && args[0] is IntValue { IsSmall: true } v ? (int)v.Small : throw new EvalException($"{_ins.Nodes}: expected a batch");
                var ops = _ins.Batches[id];
                var ctx = CurrentContext;
                for (int k = 0; k < ops.Length; k++)
                {
                    try
                    {
                        if (ops[k] >= 0) ctx.StartNode(ops[k]);
                        else ctx.SetNode(~ops[k], null);
                    }
                    catch (HostError e)
                    {
                        // Reported as the single instruction would have been: its name, its own line.
                        throw new EvalException($"{(ops[k] >= 0 ? _ins.StartNode : _ins.SetNode)}: {e.Message}") { PendingPos = BatchedPosition(id, k) };
                    }
                }
                return NoneValue.None;
            }),
            [_ins.StartNode] = Fn(_ins.StartNode, a =>
            {
                a.Thread.SetLocal(CurrentKey, this);
                CurrentContext.StartNode(Tag(a, 0));
                return NoneValue.None;
            }),
            [_ins.SetNode] = Fn(_ins.SetNode, a =>
            {
                a.Thread.SetLocal(CurrentKey, this);
                CurrentContext.SetNode(Tag(a, 0), a.Positional.Length > 1 ? a.Positional[1] : null);
                return NoneValue.None;
            }),
            [_ins.SetMapItemKey] = Fn(_ins.SetMapItemKey, a =>
            {
                CurrentContext.SetMapItemKey(Tag(a, 0), a.Positional[1]);
                return NoneValue.None;
            }),
            [_ins.CollectNodeAnnotation] = Fn(_ins.CollectNodeAnnotation, a => new CollectedArgs(a.Positional, a.Named)),
            [_ins.StartNodeAnnotation] = Fn(_ins.StartNodeAnnotation, a =>
            {
                int tag = Tag(a, 0);
                string name = a.String(1);
                var collected = (CollectedArgs)a.Positional[2];
                CurrentContext.StartNodeAnnotation(tag, name, new NodeAnnotation(collected.Args, collected.Kwargs, AnnotationLine(_nodes[tag], name)));
                return NoneValue.None;
            }),
        };
        return d;
    }

    private EvaluationContext NewContext(string dialect) => dialect == TextTemplateCompiler.Dialect
        ? new EvaluationContext<TextTemplateNode, TextNode, TextDialect>(_nodes, default)
        : new EvaluationContext<Node, Node, YamlDialect>(_nodes, new YamlDialect(_options.ImplicitMapKeyOverrides));

    // The line of the `#@name` comment on the template node (validations report it as "by: file:line").
    private static int AnnotationLine(object templateNode, string name)
    {
        if (templateNode is not Node n) return 0;
        foreach (var c in n.Comments)
        {
            var d = c.Data.AsSpan();
            if (d.Length > name.Length && d[0] == '@' && d[1..].StartsWith(name, StringComparison.Ordinal)
                && (d.Length == name.Length + 1 || char.IsWhiteSpace(d[name.Length + 1])))
            {
                return c.Position.Line;
            }
        }
        return n.Position.Line;
    }

    private static BuiltinFunction Fn(string name, Func<HostArgs, Value> body) => HostFunction.Create(name, body);

    // The generated line of instruction k of a batch (only needed when it fails).
    private Position BatchedPosition(int batch, int k)
    {
        for (int i = 0; i < Code.Count; i++)
        {
            var ins = Code[i].Instruction;
            if (ins.Batch == batch && ins.BatchOp == k) return new Position(Name, i + 1, 1);
        }
        return new Position(Name, 0, 0);
    }

    private static int Tag(HostArgs a, int i) =>
        a.Positional[i] is IntValue v && v.IsSmall ? (int)v.Small : throw new HostError("expected node tag");

    /// <summary>Arguments collected for an annotation.</summary>
    private sealed class CollectedArgs(Value[] args, KeyValuePair<string, Value>[] kwargs) : Value
    {
        public Value[] Args { get; } = args;
        public KeyValuePair<string, Value>[] Kwargs { get; } = kwargs;
        public override string Type => "tuple";
    }
}
