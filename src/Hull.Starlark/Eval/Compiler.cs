using System.Numerics;
using Hull.Starlark.Builtins;
using Hull.Starlark.Resolve;
using Hull.Starlark.Syntax;
using Hull.Starlark.Values;

namespace Hull.Starlark.Eval;

/// <summary>Turns a resolved syntax tree into executable nodes.</summary>
internal sealed class Compiler(StarlarkProgram program)
{
    private readonly Dictionary<string, int> _predeclared = [];

    public string[] PredeclaredNames => _predeclared.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();

    public FunctionCode CompileTopLevel(FileSyntax file)
    {
        var code = new FunctionCode("<toplevel>", new Position(file.Path, 1, 1), file.Scope!, program);
        code.Body = Block(new Position(file.Path, 1, 1), file.Stmts);
        return code;
    }

    private SNode Block(Position pos, List<Stmt> stmts)
    {
        if (stmts.Count == 1) return Stmt(stmts[0]);
        return new BlockNode(pos, stmts.Select(Stmt).ToArray());
    }

    private SNode Stmt(Stmt s)
    {
        switch (s)
        {
            case ExprStmt es:
                return new ExprStmtNode(es.Pos, Expr(es.X));
            case AssignStmt a when a.Op == TokenKind.Eq:
                if (a.Lhs is Ident { Binding.Scope: Scope.Local } li) return new AssignLocalNode(a.Pos, li.Binding!.Index, Expr(a.Rhs));
                return new AssignNode(a.Pos, Target(a.Lhs), Expr(a.Rhs));
            case AssignStmt aug:
                {
                    var op = AugOp(aug.Op);
                    var lhs = aug.Lhs is ParenExpr p ? p.X : aug.Lhs;
                    return lhs switch
                    {
                        Ident id => new AugAssignNode(aug.Pos, op, Expr(id), Target(id), Expr(aug.Rhs)),
                        IndexExpr ix => new AugIndexNode(aug.Pos, op, Expr(ix.X), Expr(ix.Index), Expr(aug.Rhs)),
                        DotExpr dot => new AugDotNode(aug.Pos, op, Expr(dot.X), dot.Name, Expr(aug.Rhs)),
                        _ => throw new SyntaxError(aug.Pos, "invalid augmented assignment target"),
                    };
                }
            case BranchStmt b:
                return new BranchNode(b.Pos, b.Kind switch { TokenKind.Break => Flow.Break, TokenKind.Continue => Flow.Continue, _ => Flow.Normal });
            case IfStmt i:
                return new IfNode(i.Pos, Expr(i.Cond), Block(i.Pos, i.Then), i.Else.Count > 0 ? Block(i.Pos, i.Else) : null);
            case ForStmt f:
                return new ForNode(f.Pos, Target(f.Vars), Expr(f.X), Block(f.Pos, f.Body));
            case WhileStmt w:
                return new WhileNode(w.Pos, Expr(w.Cond), Block(w.Pos, w.Body));
            case ReturnStmt r:
                return new ReturnNode(r.Pos, r.Result == null ? null : Expr(r.Result));
            case DefStmt d:
                {
                    var code = new FunctionCode(d.Name.Name, d.Pos, d.Scope!, program);
                    code.Body = Block(d.Pos, d.Body);
                    if (d.Body.Count > 0) code.EntryPos = d.Body[0].Pos;
                    return new AssignNode(d.Pos, Target(d.Name), MakeFunction(d.Pos, code, d.Params, d.Scope!));
                }
            case LoadStmt l:
                return new LoadNode(l.Pos, l.Module, [.. l.From], l.To.Select(t => Target(t)).ToArray());
        }
        throw new InvalidOperationException("unexpected statement " + s.GetType().Name);
    }

    private static TokenKind AugOp(TokenKind k) => k switch
    {
        TokenKind.PlusEq => TokenKind.Plus,
        TokenKind.MinusEq => TokenKind.Minus,
        TokenKind.StarEq => TokenKind.Star,
        TokenKind.SlashEq => TokenKind.Slash,
        TokenKind.SlashSlashEq => TokenKind.SlashSlash,
        TokenKind.PercentEq => TokenKind.Percent,
        TokenKind.AmpEq => TokenKind.Amp,
        TokenKind.PipeEq => TokenKind.Pipe,
        TokenKind.CircumflexEq => TokenKind.Circumflex,
        TokenKind.LtLtEq => TokenKind.LtLt,
        TokenKind.GtGtEq => TokenKind.GtGt,
        _ => throw new InvalidOperationException(),
    };

    private XNode MakeFunction(Position pos, FunctionCode code, List<Param> ps, FunctionScope scope)
    {
        var defaults = new XNode?[scope.NumParams];
        int i = 0;
        foreach (var p in ps)
        {
            if (p.Kind is ParamKind.Required or ParamKind.Optional)
            {
                defaults[i++] = p.Default == null ? null : Expr(p.Default);
            }
        }
        var captures = scope.FreeVars.Select(b => b.Scope switch
        {
            Scope.Cell => (false, b.Index),
            Scope.Free => (true, b.Index),
            _ => throw new InvalidOperationException($"bad capture scope {b.Scope} for {b.Name}"),
        }).ToArray();
        return new MakeFunctionNode(pos, code, defaults, captures);
    }

    private Target Target(Expr e)
    {
        switch (e)
        {
            case Ident id:
                var b = id.Binding!;
                return b.Scope switch
                {
                    Scope.Local => new LocalTarget(id.Pos, b.Index),
                    Scope.Cell => new CellTarget(id.Pos, b.Index),
                    Scope.Global => new GlobalTarget(id.Pos, b.Index),
                    _ => throw new SyntaxError(id.Pos, $"cannot assign to {id.Name}"),
                };
            case IndexExpr ix:
                return new IndexTarget(ix.Pos, Expr(ix.X), Expr(ix.Index));
            case DotExpr dot:
                return new DotTarget(dot.Pos, Expr(dot.X), dot.Name);
            case TupleExpr t:
                return new UnpackTarget(t.Pos, t.Elems.Select(Target).ToArray());
            case ListExpr l:
                return new UnpackTarget(l.Pos, l.Elems.Select(Target).ToArray());
            case ParenExpr p:
                return Target(p.X);
        }
        throw new SyntaxError(e.Pos, "can't assign to " + e.GetType().Name.ToLowerInvariant());
    }

    private XNode Expr(Expr e)
    {
        switch (e)
        {
            case Ident id:
                {
                    var b = id.Binding!;
                    switch (b.Scope)
                    {
                        case Scope.Local: return new LocalNode(id.Pos, b.Index, id.Name);
                        case Scope.Cell: return new CellNode(id.Pos, b.Index, id.Name);
                        case Scope.Free: return new FreeNode(id.Pos, b.Index, id.Name);
                        case Scope.Global: return new GlobalNode(id.Pos, b.Index, id.Name);
                        case Scope.Predeclared:
                            if (!_predeclared.TryGetValue(id.Name, out int pi)) _predeclared[id.Name] = pi = _predeclared.Count;
                            return new PredeclaredNode(id.Pos, pi);
                        default: return new ConstNode(id.Pos, Universe.Get(id.Name));
                    }
                }
            case Literal lit:
                return new ConstNode(lit.Pos, lit.Value switch
                {
                    long l => IntValue.Of(l),
                    BigInteger bi => IntValue.Of(bi),
                    double d => new FloatValue(d),
                    string s => StringValue.Of(s),
                    _ => throw new InvalidOperationException(),
                });
            case ParenExpr p:
                return Expr(p.X);
            case ListExpr l:
                return new ListNode(l.Pos, l.Elems.Select(Expr).ToArray());
            case TupleExpr t:
                return new TupleNode(t.Pos, t.Elems.Select(Expr).ToArray());
            case DictExpr d:
                return new DictNode(d.Pos, d.Entries.Select(x => Expr(x.Key)).ToArray(), d.Entries.Select(x => Expr(x.Value)).ToArray());
            case UnaryExpr u:
                return u.Op == TokenKind.Not ? new NotNode(u.Pos, Expr(u.X)) : new UnaryNode(u.Pos, u.Op, Expr(u.X));
            case BinaryExpr b:
                return b.Op switch
                {
                    TokenKind.And => new AndNode(b.Pos, Expr(b.X), Expr(b.Y)),
                    TokenKind.Or => new OrNode(b.Pos, Expr(b.X), Expr(b.Y)),
                    _ => new BinaryNode(b.Pos, b.Op, Expr(b.X), Expr(b.Y)),
                };
            case CondExpr c:
                return new CondNode(c.Pos, Expr(c.Cond), Expr(c.Then), Expr(c.Else));
            case IndexExpr ix:
                return new IndexNode(ix.Pos, Expr(ix.X), Expr(ix.Index));
            case SliceExpr s:
                return new SliceNode(s.Pos, Expr(s.X), s.Lo == null ? null : Expr(s.Lo), s.Hi == null ? null : Expr(s.Hi), s.Step == null ? null : Expr(s.Step));
            case DotExpr dot:
                return new DotNode(dot.Pos, Expr(dot.X), dot.Name);
            case CallExpr call:
                {
                    var args = Args(call.Args);
                    if (call.Fn is DotExpr m) return new MethodCallNode(call.Pos, Expr(m.X), m.Name, args);
                    return new CallNode(call.Pos, Expr(call.Fn), args);
                }
            case LambdaExpr lam:
                {
                    var code = new FunctionCode("lambda", lam.Pos, lam.Scope!, program);
                    code.Body = new ReturnNode(lam.Body.Pos, Expr(lam.Body));
                    code.EntryPos = lam.Body.Pos;
                    return MakeFunction(lam.Pos, code, lam.Params, lam.Scope!);
                }
            case Comprehension comp:
                {
                    var clauses = comp.Clauses.Select<Clause, ClauseNode>(c => c switch
                    {
                        ForClause f => new ForClauseNode(f.Pos, Target(f.Vars), Expr(f.X)),
                        IfClause i => new IfClauseNode(i.Pos, Expr(i.Cond)),
                        _ => throw new InvalidOperationException(),
                    }).ToArray();
                    if (comp.Curly)
                    {
                        var entry = (DictEntry)comp.Body;
                        return new ComprehensionNode(comp.Pos, true, Expr(entry.Key), Expr(entry.Value), clauses);
                    }
                    return new ComprehensionNode(comp.Pos, false, Expr(comp.Body), null, clauses);
                }
        }
        throw new InvalidOperationException("unexpected expression " + e.GetType().Name);
    }

    private ArgList Args(List<Argument> args)
    {
        var pos = new List<XNode>();
        var names = new List<string>();
        var named = new List<XNode>();
        XNode? star = null, starStar = null;
        foreach (var a in args)
        {
            switch (a.Kind)
            {
                case ArgKind.Positional: pos.Add(Expr(a.Value)); break;
                case ArgKind.Named: names.Add(a.Name!); named.Add(Expr(a.Value)); break;
                case ArgKind.Star: star = Expr(a.Value); break;
                case ArgKind.StarStar: starStar = Expr(a.Value); break;
            }
        }
        return new ArgList([.. pos], [.. names], [.. named], star, starStar);
    }
}
