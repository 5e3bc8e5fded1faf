using Hull.Starlark.Resolve;

namespace Hull.Starlark.Syntax;

/// <summary>Base of expression syntax nodes.</summary>
public abstract class Expr(Position pos)
{
    /// <summary>Where the expression starts (or, for operators, where the operator is).</summary>
    public Position Pos { get; } = pos;
}

/// <summary>An identifier; the resolver sets <see cref="Binding"/>.</summary>
public sealed class Ident(Position pos, string name) : Expr(pos)
{
    /// <summary>The name.</summary>
    public string Name { get; } = name;
    /// <summary>The resolved binding.</summary>
    public Binding? Binding { get; set; }
}

/// <summary>An int, float or string literal.</summary>
public sealed class Literal(Position pos, TokenKind kind, string raw, object value) : Expr(pos)
{
    /// <summary>Int, Float or String.</summary>
    public TokenKind Kind { get; } = kind;
    /// <summary>Source spelling.</summary>
    public string Raw { get; } = raw;
    /// <summary>Decoded value (long, BigInteger, double or string).</summary>
    public object Value { get; } = value;
}

/// <summary>A parenthesized expression (kept to reject `(x) += 1` forms precisely).</summary>
public sealed class ParenExpr(Position pos, Expr x) : Expr(pos)
{
    /// <summary>The inner expression.</summary>
    public Expr X { get; } = x;
}

/// <summary>[a, b, c]</summary>
public sealed class ListExpr(Position pos, List<Expr> elems) : Expr(pos)
{
    /// <summary>Elements.</summary>
    public List<Expr> Elems { get; } = elems;
}

/// <summary>(a, b) or a, b</summary>
public sealed class TupleExpr(Position pos, List<Expr> elems, bool parenthesized) : Expr(pos)
{
    /// <summary>Elements.</summary>
    public List<Expr> Elems { get; } = elems;
    /// <summary>Whether it was written with parentheses.</summary>
    public bool Parenthesized { get; } = parenthesized;
}

/// <summary>{k: v, ...}</summary>
public sealed class DictExpr(Position pos, List<DictEntry> entries) : Expr(pos)
{
    /// <summary>Entries.</summary>
    public List<DictEntry> Entries { get; } = entries;
}

/// <summary>k: v inside a dict expression or comprehension.</summary>
public sealed class DictEntry(Position pos, Expr key, Expr value) : Expr(pos)
{
    /// <summary>Key.</summary>
    public Expr Key { get; } = key;
    /// <summary>Value.</summary>
    public Expr Value { get; } = value;
}

/// <summary>A unary operation: -x, +x, ~x, not x.</summary>
public sealed class UnaryExpr(Position pos, TokenKind op, Expr x) : Expr(pos)
{
    /// <summary>Operator.</summary>
    public TokenKind Op { get; } = op;
    /// <summary>Operand.</summary>
    public Expr X { get; } = x;
}

/// <summary>A binary operation; Pos is the operator's position.</summary>
public sealed class BinaryExpr(Position pos, TokenKind op, Expr x, Expr y) : Expr(pos)
{
    /// <summary>Operator.</summary>
    public TokenKind Op { get; } = op;
    /// <summary>Left operand.</summary>
    public Expr X { get; } = x;
    /// <summary>Right operand.</summary>
    public Expr Y { get; } = y;
}

/// <summary>a if cond else b</summary>
public sealed class CondExpr(Position pos, Expr cond, Expr then, Expr @else) : Expr(pos)
{
    /// <summary>Condition.</summary>
    public Expr Cond { get; } = cond;
    /// <summary>Value when true.</summary>
    public Expr Then { get; } = then;
    /// <summary>Value when false.</summary>
    public Expr Else { get; } = @else;
}

/// <summary>x[i]; Pos is the bracket's position.</summary>
public sealed class IndexExpr(Position pos, Expr x, Expr index) : Expr(pos)
{
    /// <summary>Operand.</summary>
    public Expr X { get; } = x;
    /// <summary>Index.</summary>
    public Expr Index { get; } = index;
}

/// <summary>x[lo:hi:step]</summary>
public sealed class SliceExpr(Position pos, Expr x, Expr? lo, Expr? hi, Expr? step) : Expr(pos)
{
    /// <summary>Operand.</summary>
    public Expr X { get; } = x;
    /// <summary>Start.</summary>
    public Expr? Lo { get; } = lo;
    /// <summary>End.</summary>
    public Expr? Hi { get; } = hi;
    /// <summary>Step.</summary>
    public Expr? Step { get; } = step;
}

/// <summary>x.name; Pos is the dot's position.</summary>
public sealed class DotExpr(Position pos, Expr x, string name, Position namePos) : Expr(pos)
{
    /// <summary>Operand.</summary>
    public Expr X { get; } = x;
    /// <summary>Attribute name.</summary>
    public string Name { get; } = name;
    /// <summary>Position of the name.</summary>
    public Position NamePos { get; } = namePos;
}

/// <summary>Kinds of call arguments.</summary>
public enum ArgKind
{
    /// <summary>f(x)</summary>
    Positional,
    /// <summary>f(k=x)</summary>
    Named,
    /// <summary>f(*x)</summary>
    Star,
    /// <summary>f(**x)</summary>
    StarStar,
}

/// <summary>One argument of a call.</summary>
public sealed record Argument(ArgKind Kind, string? Name, Expr Value, Position Pos);

/// <summary>fn(args); Pos is the open parenthesis.</summary>
public sealed class CallExpr(Position pos, Expr fn, List<Argument> args) : Expr(pos)
{
    /// <summary>Callee.</summary>
    public Expr Fn { get; } = fn;
    /// <summary>Arguments.</summary>
    public List<Argument> Args { get; } = args;
}

/// <summary>lambda params: body</summary>
public sealed class LambdaExpr(Position pos, List<Param> parameters, Expr body) : Expr(pos)
{
    /// <summary>Parameters.</summary>
    public List<Param> Params { get; } = parameters;
    /// <summary>Body expression.</summary>
    public Expr Body { get; } = body;
    /// <summary>Resolver output.</summary>
    public FunctionScope? Scope { get; set; }
}

/// <summary>A for or if clause of a comprehension.</summary>
public abstract class Clause(Position pos)
{
    /// <summary>Position of the keyword.</summary>
    public Position Pos { get; } = pos;
}

/// <summary>for vars in x</summary>
public sealed class ForClause(Position pos, Expr vars, Expr x) : Clause(pos)
{
    /// <summary>Loop variables.</summary>
    public Expr Vars { get; } = vars;
    /// <summary>Iterable.</summary>
    public Expr X { get; } = x;
}

/// <summary>if cond</summary>
public sealed class IfClause(Position pos, Expr cond) : Clause(pos)
{
    /// <summary>Condition.</summary>
    public Expr Cond { get; } = cond;
}

/// <summary>[body for ...] or {k: v for ...}</summary>
public sealed class Comprehension(Position pos, bool curly, Expr body, List<Clause> clauses) : Expr(pos)
{
    /// <summary>Dict comprehension.</summary>
    public bool Curly { get; } = curly;
    /// <summary>Element (or DictEntry).</summary>
    public Expr Body { get; } = body;
    /// <summary>Clauses.</summary>
    public List<Clause> Clauses { get; } = clauses;
}

/// <summary>Kinds of function parameters.</summary>
public enum ParamKind
{
    /// <summary>x</summary>
    Required,
    /// <summary>x=default</summary>
    Optional,
    /// <summary>*args</summary>
    Star,
    /// <summary>bare *</summary>
    BareStar,
    /// <summary>**kwargs</summary>
    StarStar,
}

/// <summary>One function parameter.</summary>
public sealed record Param(ParamKind Kind, Ident? Name, Expr? Default, Position Pos);
