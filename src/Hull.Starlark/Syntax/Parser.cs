using System.Numerics;

namespace Hull.Starlark.Syntax;

/// <summary>Recursive-descent parser producing a <see cref="FileSyntax"/>.</summary>
public sealed class Parser
{
    private readonly Scanner _scanner;
    private readonly bool _endMode;
    private Token _tok;
    private Token? _peek;
    private int _nesting;

    private Parser(string file, string src, ParseOptions options)
    {
        _endMode = options.BlocksEndWithKeyword;
        _scanner = new Scanner(file, src, _endMode);
        _tok = _scanner.Next();
    }

    /// <summary>Parses a whole file.</summary>
    public static FileSyntax ParseFile(string file, string src, ParseOptions? options = null)
    {
        var p = new Parser(file, src, options ?? ParseOptions.Standard);
        var stmts = new List<Stmt>();
        while (p._tok.Kind != TokenKind.Eof)
        {
            if (p._tok.Kind == TokenKind.Newline) { p.Next(); continue; }
            p.ParseStmt(stmts);
        }
        return new FileSyntax(file, stmts, src);
    }

    /// <summary>Parses a single expression (for hosts evaluating snippets).</summary>
    public static Expr ParseExpression(string file, string src, ParseOptions? options = null)
    {
        var p = new Parser(file, src, options ?? ParseOptions.Standard);
        var x = p.ParseExpr(false);
        while (p._tok.Kind == TokenKind.Newline) p.Next();
        if (p._tok.Kind != TokenKind.Eof) throw p.Error($"got {TokenKinds.Quoted(p._tok.Kind)} after expression, want end of input");
        return x;
    }

    private TokenKind Kind => _tok.Kind;

    private Position Next()
    {
        var pos = _tok.Pos;
        if (_peek is { } pk) { _tok = pk; _peek = null; }
        else _tok = _scanner.Next();
        return pos;
    }

    private TokenKind PeekKind()
    {
        _peek ??= _scanner.Next();
        return _peek.Value.Kind;
    }

    private SyntaxError Error(string msg) => new(_tok.Pos, msg);

    private Position Consume(TokenKind k)
    {
        if (Kind != k) throw Error($"got {TokenKinds.Quoted(Kind)}, want {TokenKinds.Quoted(k)}");
        return Next();
    }

    // Bounds the depth of the syntax tree (brackets, operator chains, suffix chains, nested blocks) so that the
    // recursive resolver, compiler and evaluator cannot exhaust the stack on hostile input.
    private const int MaxNesting = 1000;

    private void Enter()
    {
        if (++_nesting > MaxNesting || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw Error("expression nested too deeply");
    }

    private void ParseStmt(List<Stmt> stmts)
    {
        // Blocks consume their own `end`; one reaching a statement closes nothing. Like ytt, the error is placed
        // where parsing would resume: the first token after the stray `end`.
        if (Kind == TokenKind.End)
        {
            Next();
            while (Kind == TokenKind.Newline) Next();
            throw Error("unexpected end");
        }
        if (Kind is TokenKind.Def or TokenKind.If or TokenKind.For or TokenKind.While)
        {
            Enter();
            ParseCompound(stmts);
            _nesting--;
            return;
        }
        ParseSimpleStmt(stmts);
    }

    private void ParseCompound(List<Stmt> stmts)
    {
        switch (Kind)
        {
            case TokenKind.Def: stmts.Add(ParseDef()); break;
            case TokenKind.If: stmts.Add(ParseIf()); break;
            case TokenKind.For: stmts.Add(ParseFor()); break;
            case TokenKind.While: stmts.Add(ParseWhile()); break;
            default: ParseSimpleStmt(stmts); break;
        }
    }

    private void ParseSimpleStmt(List<Stmt> stmts)
    {
        while (true)
        {
            stmts.Add(ParseSmallStmt());
            if (Kind != TokenKind.Semi) break;
            Next();
            if (Kind == TokenKind.Newline || Kind == TokenKind.Eof) break;
        }
        if (Kind != TokenKind.Eof) Consume(TokenKind.Newline);
    }

    private Stmt ParseSmallStmt()
    {
        switch (Kind)
        {
            case TokenKind.Return:
                {
                    var pos = Next();
                    Expr? result = null;
                    if (Kind != TokenKind.Eof && Kind != TokenKind.Newline && Kind != TokenKind.Semi) result = ParseExpr(false);
                    return new ReturnStmt(pos, result);
                }
            case TokenKind.Break:
            case TokenKind.Continue:
            case TokenKind.Pass:
                {
                    var k = Kind;
                    return new BranchStmt(Next(), k);
                }
            case TokenKind.Load:
                return ParseLoad();
        }
        var start = _tok.Pos;
        var x = ParseExpr(false);
        switch (Kind)
        {
            case TokenKind.Eq:
            case TokenKind.PlusEq:
            case TokenKind.MinusEq:
            case TokenKind.StarEq:
            case TokenKind.SlashEq:
            case TokenKind.SlashSlashEq:
            case TokenKind.PercentEq:
            case TokenKind.AmpEq:
            case TokenKind.PipeEq:
            case TokenKind.CircumflexEq:
            case TokenKind.LtLtEq:
            case TokenKind.GtGtEq:
                {
                    var op = Kind;
                    var pos = Next();
                    var y = ParseExpr(false);
                    return new AssignStmt(pos, op, x, y);
                }
        }
        return new ExprStmt(start, x);
    }

    private Stmt ParseLoad()
    {
        var pos = Next();
        Consume(TokenKind.LParen);
        if (Kind != TokenKind.String) throw Error("first operand of load statement must be a string literal");
        string module = (string)_tok.Value!;
        Next();
        var to = new List<Ident>();
        var from = new List<string>();
        while (Kind != TokenKind.RParen && Kind != TokenKind.Eof)
        {
            Consume(TokenKind.Comma);
            if (Kind == TokenKind.RParen) break;
            switch (Kind)
            {
                case TokenKind.String:
                    {
                        string name = (string)_tok.Value!;
                        to.Add(new Ident(_tok.Pos, name));
                        from.Add(name);
                        Next();
                        break;
                    }
                case TokenKind.Ident:
                    {
                        var id = new Ident(_tok.Pos, _tok.Raw);
                        Next();
                        if (Kind != TokenKind.Eq) throw Error($"load operand must be \"{id.Name}\" or {id.Name}=\"originalname\"");
                        Next();
                        if (Kind != TokenKind.String) throw Error($"original name of loaded symbol must be quoted: {id.Name}=\"originalname\"");
                        to.Add(id);
                        from.Add((string)_tok.Value!);
                        Next();
                        break;
                    }
                default:
                    throw Error($"load operand must be \"name\" or localname=\"name\" (got {TokenKinds.Quoted(Kind)})");
            }
        }
        Consume(TokenKind.RParen);
        if (to.Count == 0) throw new SyntaxError(pos, "load statement must import at least 1 symbol");
        return new LoadStmt(pos, module, to, from);
    }

    private Ident ParseIdent()
    {
        if (Kind != TokenKind.Ident)
        {
            // ytt's dialect names the keyword that stands where a name is expected.
            throw Error(_endMode && Kind >= TokenKind.And ? $"use of reserved keyword '{_tok.Raw}' is not allowed (expected identifier)" : "not an identifier");
        }

        var id = new Ident(_tok.Pos, _tok.Raw);
        Next();
        return id;
    }

    private DefStmt ParseDef()
    {
        var pos = Next();
        var name = ParseIdent();
        Consume(TokenKind.LParen);
        var ps = ParseParams();
        Consume(TokenKind.RParen);
        Consume(TokenKind.Colon);
        var body = ParseSuite(out bool block);
        if (block) ConsumeEnd();
        return new DefStmt(pos, name, ps, body);
    }

    private List<Param> ParseParams()
    {
        var ps = new List<Param>();
        while (Kind != TokenKind.RParen && Kind != TokenKind.Colon && Kind != TokenKind.Eof)
        {
            if (ps.Count > 0) Consume(TokenKind.Comma);
            if (Kind == TokenKind.RParen || Kind == TokenKind.Colon)
            {
                if (ps[^1].Kind is ParamKind.Star or ParamKind.StarStar or ParamKind.BareStar)
                    throw Error($"got {TokenKinds.Quoted(Kind)}, want parameter");
                break;
            }
            var pos = _tok.Pos;
            if (Kind == TokenKind.Star || Kind == TokenKind.StarStar)
            {
                var op = Kind;
                Next();
                if (op == TokenKind.StarStar || Kind == TokenKind.Ident)
                    ps.Add(new Param(op == TokenKind.Star ? ParamKind.Star : ParamKind.StarStar, ParseIdent(), null, pos));
                else ps.Add(new Param(ParamKind.BareStar, null, null, pos));
                continue;
            }
            var id = ParseIdent();
            if (Kind == TokenKind.Eq)
            {
                Next();
                ps.Add(new Param(ParamKind.Optional, id, ParseTest(), pos));
            }
            else ps.Add(new Param(ParamKind.Required, id, null, pos));
        }
        return ps;
    }

    // ParseSuite parses a block body; block is true when the body spans lines (and, in end mode, needs `end`).
    private List<Stmt> ParseSuite(out bool block)
    {
        var stmts = new List<Stmt>();
        if (Kind != TokenKind.Newline)
        {
            block = false;
            ParseSimpleStmt(stmts);
            return stmts;
        }
        Next();
        block = true;
        if (_endMode)
        {
            while (Kind != TokenKind.End && Kind != TokenKind.Elif && Kind != TokenKind.Else && Kind != TokenKind.Eof)
            {
                if (Kind == TokenKind.Newline) { Next(); continue; }
                ParseStmt(stmts);
            }
            return stmts;
        }
        Consume(TokenKind.Indent);
        while (Kind != TokenKind.Outdent && Kind != TokenKind.Eof) ParseStmt(stmts);
        Consume(TokenKind.Outdent);
        return stmts;
    }

    private void ConsumeEnd()
    {
        if (!_endMode) return;
        Consume(TokenKind.End);
        if (Kind == TokenKind.Semi) Next();
        if (Kind != TokenKind.Eof) Consume(TokenKind.Newline);
    }

    private IfStmt ParseIf()
    {
        var pos = Next();
        var cond = ParseTest();
        Consume(TokenKind.Colon);
        var then = ParseSuite(out bool block);
        var els = new List<Stmt>();
        if (Kind == TokenKind.Elif)
        {
            els.Add(ParseIf()); // the nested if consumes the chain's `end`
            return new IfStmt(pos, cond, then, els);
        }
        if (Kind == TokenKind.Else)
        {
            Next();
            Consume(TokenKind.Colon);
            els = ParseSuite(out block);
        }
        if (block) ConsumeEnd();
        return new IfStmt(pos, cond, then, els);
    }

    private ForStmt ParseFor()
    {
        var pos = Next();
        var vars = ParseForLoopVariables();
        Consume(TokenKind.In);
        var x = ParseExpr(false);
        Consume(TokenKind.Colon);
        var body = ParseSuite(out bool block);
        if (block) ConsumeEnd();
        return new ForStmt(pos, vars, x, body);
    }

    private WhileStmt ParseWhile()
    {
        var pos = Next();
        var cond = ParseTest();
        Consume(TokenKind.Colon);
        var body = ParseSuite(out bool block);
        if (block) ConsumeEnd();
        return new WhileStmt(pos, cond, body);
    }

    private Expr ParseForLoopVariables()
    {
        var pos = _tok.Pos;
        var x = ParsePrimaryWithSuffix();
        if (Kind != TokenKind.Comma) return x;
        var list = new List<Expr> { x };
        while (Kind == TokenKind.Comma)
        {
            Next();
            if (Kind == TokenKind.In) break;
            list.Add(ParsePrimaryWithSuffix());
        }
        return new TupleExpr(pos, list, false);
    }

    private static bool TerminatesExprList(TokenKind k) => k is TokenKind.Eof or TokenKind.Newline or TokenKind.Eq or TokenKind.RBrace
        or TokenKind.RBrack or TokenKind.RParen or TokenKind.Semi;

    private Expr ParseExpr(bool inParens)
    {
        var pos = _tok.Pos;
        var x = ParseTest();
        if (Kind != TokenKind.Comma) return x;
        var list = new List<Expr> { x };
        while (Kind == TokenKind.Comma)
        {
            var commaPos = Next();
            if (TerminatesExprList(Kind))
            {
                if (!inParens) throw new SyntaxError(commaPos, "unparenthesized tuple with trailing comma");
                break;
            }
            list.Add(ParseTest());
        }
        return new TupleExpr(pos, list, inParens);
    }

    private Expr ParseTest()
    {
        if (Kind == TokenKind.Lambda)
        {
            Enter();
            var lam = ParseLambda(true);
            _nesting--;
            return lam;
        }
        var x = ParseOr();
        if (Kind == TokenKind.If)
        {
            var pos = Next();
            var cond = ParseOr();
            if (Kind != TokenKind.Else) throw Error("conditional expression without else clause");
            Next();
            Enter();
            var els = ParseTest();
            _nesting--;
            return new CondExpr(pos, cond, x, els);
        }
        return x;
    }

    private Expr ParseTestNoCond() => Kind == TokenKind.Lambda ? ParseLambda(false) : ParseOr();

    private Expr ParseLambda(bool allowCond)
    {
        var pos = Next();
        var ps = ParseParams();
        Consume(TokenKind.Colon);
        var body = allowCond ? ParseTest() : ParseTestNoCond();
        return new LambdaExpr(pos, ps, body);
    }

    private Expr ParseOr()
    {
        var x = ParseAnd();
        int depth = 0;
        while (Kind == TokenKind.Or)
        {
            var pos = Next();
            Enter();
            depth++;
            x = new BinaryExpr(pos, TokenKind.Or, x, ParseAnd());
        }
        _nesting -= depth;
        return x;
    }

    private Expr ParseAnd()
    {
        var x = ParseNot();
        int depth = 0;
        while (Kind == TokenKind.And)
        {
            var pos = Next();
            Enter();
            depth++;
            x = new BinaryExpr(pos, TokenKind.And, x, ParseNot());
        }
        _nesting -= depth;
        return x;
    }

    private Expr ParseNot()
    {
        if (Kind == TokenKind.Not)
        {
            var pos = Next();
            Enter();
            var x = ParseNot();
            _nesting--;
            return new UnaryExpr(pos, TokenKind.Not, x);
        }
        return ParseComparison();
    }

    private TokenKind? ComparisonOp()
    {
        switch (Kind)
        {
            case TokenKind.EqEq:
            case TokenKind.Neq:
            case TokenKind.Lt:
            case TokenKind.Gt:
            case TokenKind.Le:
            case TokenKind.Ge:
            case TokenKind.In:
                return Kind;
            case TokenKind.Not:
                return TokenKind.NotIn;
            default:
                return null;
        }
    }

    private Expr ParseComparison()
    {
        var x = ParseBinary(0);
        if (ComparisonOp() is not { } op) return x;
        var pos = Next();
        if (op == TokenKind.NotIn) Consume(TokenKind.In);
        var y = ParseBinary(0);
        x = new BinaryExpr(pos, op, x, y);
        if (ComparisonOp() is { } op2)
            throw Error($"{TokenKinds.Text(op)} does not associate with {TokenKinds.Text(op2)}");
        return x;
    }

    private static int Prec(TokenKind k) => k switch
    {
        TokenKind.Pipe => 0,
        TokenKind.Circumflex => 1,
        TokenKind.Amp => 2,
        TokenKind.LtLt or TokenKind.GtGt => 3,
        TokenKind.Plus or TokenKind.Minus => 4,
        TokenKind.Star or TokenKind.Slash or TokenKind.SlashSlash or TokenKind.Percent => 5,
        _ => -1,
    };

    private Expr ParseBinary(int prec)
    {
        if (prec > 5) return ParseUnary();
        var x = ParseBinary(prec + 1);
        int depth = 0;
        while (Prec(Kind) == prec)
        {
            var op = Kind;
            var pos = Next();
            Enter();
            depth++;
            var y = ParseBinary(prec + 1);
            x = new BinaryExpr(pos, op, x, y);
        }
        _nesting -= depth;
        return x;
    }

    private Expr ParseUnary()
    {
        if (Kind is TokenKind.Minus or TokenKind.Plus or TokenKind.Tilde)
        {
            var op = Kind;
            var pos = Next();
            Enter();
            var x = ParseUnary();
            _nesting--;
            return new UnaryExpr(pos, op, x);
        }
        return ParsePrimaryWithSuffix();
    }

    private Expr ParsePrimaryWithSuffix()
    {
        var x = ParsePrimary();
        int depth = 0;
        while (true)
        {
            if (Kind is TokenKind.Dot or TokenKind.LBrack or TokenKind.LParen)
            {
                Enter();
                depth++;
            }
            switch (Kind)
            {
                case TokenKind.Dot:
                    {
                        var pos = Next();
                        var namePos = _tok.Pos;
                        var id = ParseIdent();
                        x = new DotExpr(pos, x, id.Name, namePos);
                        break;
                    }
                case TokenKind.LBrack:
                    x = ParseSliceSuffix(x);
                    break;
                case TokenKind.LParen:
                    x = ParseCallSuffix(x);
                    break;
                default:
                    _nesting -= depth;
                    return x;
            }
        }
    }

    private Expr ParseSliceSuffix(Expr x)
    {
        var pos = Next();
        Expr? lo = null, hi = null, step = null;
        if (Kind != TokenKind.Colon)
        {
            var y = ParseExpr(false);
            if (Kind != TokenKind.Colon)
            {
                Consume(TokenKind.RBrack);
                return new IndexExpr(pos, x, y);
            }
            lo = y;
        }
        Consume(TokenKind.Colon);
        if (Kind != TokenKind.Colon && Kind != TokenKind.RBrack) hi = ParseTest();
        if (Kind == TokenKind.Colon)
        {
            Next();
            if (Kind != TokenKind.RBrack) step = ParseTest();
        }
        Consume(TokenKind.RBrack);
        return new SliceExpr(pos, x, lo, hi, step);
    }

    private Expr ParseCallSuffix(Expr fn)
    {
        var pos = Next();
        var args = new List<Argument>();
        while (Kind != TokenKind.RParen && Kind != TokenKind.Eof)
        {
            if (args.Count > 0) Consume(TokenKind.Comma);
            if (Kind == TokenKind.RParen)
            {
                if (args[^1].Kind is ArgKind.Star or ArgKind.StarStar) throw Error("got ')', want argument");
                break;
            }
            var apos = _tok.Pos;
            if (Kind is TokenKind.Star or TokenKind.StarStar)
            {
                var op = Kind;
                Next();
                args.Add(new Argument(op == TokenKind.Star ? ArgKind.Star : ArgKind.StarStar, null, ParseTest(), apos));
                continue;
            }
            var x = ParseTest();
            if (Kind == TokenKind.Eq)
            {
                if (x is not Ident id) throw Error("keyword argument must have form name=expr");
                Next();
                args.Add(new Argument(ArgKind.Named, id.Name, ParseTest(), apos));
            }
            else args.Add(new Argument(ArgKind.Positional, null, x, apos));
        }
        Consume(TokenKind.RParen);
        return new CallExpr(pos, fn, args);
    }

    private Expr ParsePrimary()
    {
        var pos = _tok.Pos;
        switch (Kind)
        {
            case TokenKind.Ident:
                return ParseIdent();
            case TokenKind.Int:
            case TokenKind.Float:
            case TokenKind.String:
                {
                    var t = _tok;
                    Next();
                    return new Literal(pos, t.Kind, t.Raw, t.Value!);
                }
            case TokenKind.LBrack:
                {
                    Next();
                    Enter();
                    Expr result;
                    if (Kind == TokenKind.RBrack) result = new ListExpr(pos, []);
                    else
                    {
                        var x = ParseTest();
                        if (Kind == TokenKind.For) result = ParseComprehension(pos, false, x, TokenKind.RBrack);
                        else
                        {
                            var elems = new List<Expr> { x };
                            while (Kind == TokenKind.Comma)
                            {
                                Next();
                                if (Kind == TokenKind.RBrack) break;
                                elems.Add(ParseTest());
                            }
                            result = new ListExpr(pos, elems);
                        }
                    }
                    _nesting--;
                    Consume(TokenKind.RBrack);
                    return result;
                }
            case TokenKind.LBrace:
                {
                    Next();
                    Enter();
                    Expr result;
                    if (Kind == TokenKind.RBrace) result = new DictExpr(pos, []);
                    else
                    {
                        var e = ParseDictEntry();
                        if (Kind == TokenKind.For) result = ParseComprehension(pos, true, e, TokenKind.RBrace);
                        else
                        {
                            var entries = new List<DictEntry> { e };
                            while (Kind == TokenKind.Comma)
                            {
                                Next();
                                if (Kind == TokenKind.RBrace) break;
                                entries.Add(ParseDictEntry());
                            }
                            result = new DictExpr(pos, entries);
                        }
                    }
                    _nesting--;
                    Consume(TokenKind.RBrace);
                    return result;
                }
            case TokenKind.LParen:
                {
                    Next();
                    Enter();
                    Expr result;
                    if (Kind == TokenKind.RParen) result = new TupleExpr(pos, [], true);
                    else
                    {
                        var x = ParseExpr(true);
                        result = x is TupleExpr { Parenthesized: true } ? x : new ParenExpr(pos, x);
                    }
                    _nesting--;
                    Consume(TokenKind.RParen);
                    return result;
                }
            case TokenKind.Minus:
            case TokenKind.Plus:
            case TokenKind.Tilde:
                return ParseUnary();
            case TokenKind.RParen:
            case TokenKind.RBrack:
            case TokenKind.RBrace:
                throw Error($"unexpected {TokenKinds.Quoted(Kind)}");
        }
        throw Error($"got {TokenKinds.Quoted(Kind)}, want primary expression");
    }

    private DictEntry ParseDictEntry()
    {
        var k = ParseTest();
        var pos = Consume(TokenKind.Colon);
        var v = ParseTest();
        return new DictEntry(pos, k, v);
    }

    private Expr ParseComprehension(Position pos, bool curly, Expr body, TokenKind close)
    {
        var clauses = new List<Clause>();
        while (true)
        {
            if (Kind == TokenKind.For)
            {
                var cpos = Next();
                var vars = ParseForLoopVariables();
                Consume(TokenKind.In);
                var x = ParseOr();
                clauses.Add(new ForClause(cpos, vars, x));
            }
            else if (Kind == TokenKind.If)
            {
                var cpos = Next();
                clauses.Add(new IfClause(cpos, ParseTestNoCond()));
            }
            else if (Kind == close) break;
            else throw Error($"got {TokenKinds.Quoted(Kind)}, want {TokenKinds.Quoted(close)}, for, or if");
        }
        return new Comprehension(pos, curly, body, clauses);
    }
}
