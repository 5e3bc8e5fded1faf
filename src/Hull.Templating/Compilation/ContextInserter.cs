using Hull.Starlark.Syntax;

namespace Hull.Templating.Compilation;

/// <summary>A `def` whose body builds nodes, the dialect of its context, and the `return`s to route through end_ctx.</summary>
/// <param name="Def">The function.</param>
/// <param name="Dialect">`"yaml"` or `"text"` literal text.</param>
/// <param name="Returns">Return statements inside it (not in nested functions) to wrap.</param>
public sealed record FragmentFunction(DefStmt Def, string Dialect, List<ReturnStmt> Returns);

/// <summary>Finds the functions ytt turns into fragment builders (ytt's ProgramAST.InsertTplCtxs): a `def` whose own body calls start_node or set_node
/// starts a context on entry and returns the context's root, or its explicit return value, on exit.</summary>
public sealed class ContextInserter(InstructionSet ins)
{
    private readonly List<bool> _defUsesTemplate = [];
    private readonly List<List<ReturnStmt>> _returns = [];
    private Literal? _ctxType;

    /// <summary>The fragment functions found, innermost first.</summary>
    public List<FragmentFunction> Functions { get; } = [];

    /// <summary>Analyses a parsed file.</summary>
    public void Analyse(FileSyntax file) => Stmts(file.Stmts);

    private void Stmts(List<Stmt> stmts)
    {
        for (int i = 0; i < stmts.Count; i++)
        {
            stmts[i] = Stmt(stmts[i]);
        }
    }

    private Stmt Stmt(Stmt stmt)
    {
        switch (stmt)
        {
            case ExprStmt e: Expr(e.X); break;
            case IfStmt s:
                Expr(s.Cond);
                Stmts(s.Then);
                Stmts(s.Else);
                break;
            case AssignStmt a: Expr(a.Rhs); break;
            case DefStmt d: Function(d); break;
            case ForStmt f:
                Expr(f.X);
                Stmts(f.Body);
                break;
            case WhileStmt w:
                Expr(w.Cond);
                Stmts(w.Body);
                break;
            case ReturnStmt r:
                if (_defUsesTemplate.Count > 0)
                {
                    if (_defUsesTemplate[^1])
                    {
                        _returns[^1].Add(r);
                        return stmt;
                    }
                    if (r.Result is not null) Expr(r.Result);
                }
                else if (r.Result is not null)
                {
                    Expr(r.Result);
                }
                break;
        }
        return stmt;
    }

    private void Expr(Expr? e)
    {
        switch (e)
        {
            case null: return;
            case Ident id:
                if ((id.Name == ins.StartNode || id.Name == ins.SetNode || id.Name == ins.Nodes) && _defUsesTemplate.Count > 0)
                {
                    _defUsesTemplate[^1] = true;
                }
                break;
            case ListExpr l: foreach (var x in l.Elems) Expr(x); break;
            case TupleExpr t: foreach (var x in t.Elems) Expr(x); break;
            case DictExpr d: foreach (var x in d.Entries) { Expr(x.Key); Expr(x.Value); } break;
            case DictEntry de: Expr(de.Key); Expr(de.Value); break;
            case CondExpr c: Expr(c.Cond); Expr(c.Then); Expr(c.Else); break;
            case IndexExpr ix: Expr(ix.X); Expr(ix.Index); break;
            case SliceExpr sl: Expr(sl.X); Expr(sl.Lo); Expr(sl.Hi); Expr(sl.Step); break;
            case Comprehension comp:
                Expr(comp.Body);
                foreach (var cl in comp.Clauses)
                {
                    if (cl is ForClause fc) Expr(fc.X);
                    else if (cl is IfClause ic) Expr(ic.Cond);
                }
                break;
            case UnaryExpr u: Expr(u.X); break;
            case BinaryExpr b: Expr(b.X); Expr(b.Y); break;
            case DotExpr dot: Expr(dot.X); break;
            case CallExpr call:
                if (call.Fn is Ident fnId && fnId.Name == ins.SetCtxType && call.Args.Count > 0 && call.Args[0].Value is Literal lit)
                {
                    _ctxType = lit;
                }
                Expr(call.Fn);
                foreach (var a in call.Args) Expr(a.Value);
                break;
            case LambdaExpr lam: Expr(lam.Body); break;
            case ParenExpr p: Expr(p.X); break;
        }
    }

    private void Function(DefStmt def)
    {
        _defUsesTemplate.Add(false);
        _returns.Add([]);
        foreach (var p in def.Params) Expr(p.Default);
        Stmts(def.Body);
        if (_defUsesTemplate[^1])
        {
            var type = _ctxType ?? throw new InvalidOperationException("expected a context type before a template function");
            Functions.Add(new FragmentFunction(def, type.Raw, _returns[^1]));
        }
        _defUsesTemplate.RemoveAt(_defUsesTemplate.Count - 1);
        _returns.RemoveAt(_returns.Count - 1);
    }
}
