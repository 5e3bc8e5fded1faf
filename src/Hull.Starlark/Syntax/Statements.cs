using Hull.Starlark.Resolve;

namespace Hull.Starlark.Syntax;

/// <summary>Base of statement syntax nodes.</summary>
public abstract class Stmt(Position pos)
{
    /// <summary>Where the statement starts.</summary>
    public Position Pos { get; } = pos;
}

/// <summary>An expression evaluated for effect.</summary>
public sealed class ExprStmt(Position pos, Expr x) : Stmt(pos)
{
    /// <summary>The expression.</summary>
    public Expr X { get; } = x;
}

/// <summary>lhs = rhs or lhs op= rhs; Pos is the operator.</summary>
public sealed class AssignStmt(Position pos, TokenKind op, Expr lhs, Expr rhs) : Stmt(pos)
{
    /// <summary>Eq or an augmented operator.</summary>
    public TokenKind Op { get; } = op;
    /// <summary>Target.</summary>
    public Expr Lhs { get; } = lhs;
    /// <summary>Value.</summary>
    public Expr Rhs { get; } = rhs;
}

/// <summary>break, continue or pass.</summary>
public sealed class BranchStmt(Position pos, TokenKind kind) : Stmt(pos)
{
    /// <summary>Break, Continue or Pass.</summary>
    public TokenKind Kind { get; } = kind;
}

/// <summary>if/elif/else.</summary>
public sealed class IfStmt(Position pos, Expr cond, List<Stmt> then, List<Stmt> @else) : Stmt(pos)
{
    /// <summary>Condition.</summary>
    public Expr Cond { get; } = cond;
    /// <summary>True branch.</summary>
    public List<Stmt> Then { get; } = then;
    /// <summary>False branch (an elif is a nested IfStmt).</summary>
    public List<Stmt> Else { get; } = @else;
}

/// <summary>for vars in x: body</summary>
public sealed class ForStmt(Position pos, Expr vars, Expr x, List<Stmt> body) : Stmt(pos)
{
    /// <summary>Loop variables.</summary>
    public Expr Vars { get; } = vars;
    /// <summary>Iterable.</summary>
    public Expr X { get; } = x;
    /// <summary>Body.</summary>
    public List<Stmt> Body { get; } = body;
}

/// <summary>while cond: body</summary>
public sealed class WhileStmt(Position pos, Expr cond, List<Stmt> body) : Stmt(pos)
{
    /// <summary>Condition.</summary>
    public Expr Cond { get; } = cond;
    /// <summary>Body.</summary>
    public List<Stmt> Body { get; } = body;
}

/// <summary>def name(params): body</summary>
public sealed class DefStmt(Position pos, Ident name, List<Param> parameters, List<Stmt> body) : Stmt(pos)
{
    /// <summary>Function name.</summary>
    public Ident Name { get; } = name;
    /// <summary>Parameters.</summary>
    public List<Param> Params { get; } = parameters;
    /// <summary>Body.</summary>
    public List<Stmt> Body { get; } = body;
    /// <summary>Resolver output.</summary>
    public FunctionScope? Scope { get; set; }
}

/// <summary>return [x]</summary>
public sealed class ReturnStmt(Position pos, Expr? result) : Stmt(pos)
{
    /// <summary>Returned value, if any.</summary>
    public Expr? Result { get; } = result;
}

/// <summary>load("module", "a", b="c")</summary>
public sealed class LoadStmt(Position pos, string module, List<Ident> to, List<string> from) : Stmt(pos)
{
    /// <summary>Module name.</summary>
    public string Module { get; } = module;
    /// <summary>Local names bound.</summary>
    public List<Ident> To { get; } = to;
    /// <summary>Names in the loaded module.</summary>
    public List<string> From { get; } = from;
}

/// <summary>A parsed file.</summary>
public sealed class FileSyntax(string path, List<Stmt> stmts, string source)
{
    /// <summary>File name used in positions.</summary>
    public string Path { get; } = path;
    /// <summary>Top-level statements.</summary>
    public List<Stmt> Stmts { get; } = stmts;
    /// <summary>Source text (for tracebacks).</summary>
    public string Source { get; } = source;
    /// <summary>Resolver output for the top level.</summary>
    public FunctionScope? Scope { get; set; }
    /// <summary>Module-level global names, in slot order.</summary>
    public List<string> Globals { get; } = [];
}
