namespace Hull.Starlark.Syntax;

/// <summary>Kinds of lexical tokens.</summary>
public enum TokenKind
{
    /// <summary>Illegal input.</summary>
    Illegal,
    /// <summary>End of input.</summary>
    Eof,
    /// <summary>End of a logical line.</summary>
    Newline,
    /// <summary>Indentation increase.</summary>
    Indent,
    /// <summary>Indentation decrease.</summary>
    Outdent,
    /// <summary>Identifier.</summary>
    Ident,
    /// <summary>Integer literal.</summary>
    Int,
    /// <summary>Float literal.</summary>
    Float,
    /// <summary>String literal.</summary>
    String,
#pragma warning disable CS1591
    Plus, Minus, Star, Slash, SlashSlash, Percent, Amp, Pipe, Circumflex, LtLt, GtGt, Tilde, Dot, Comma, Eq, Semi, Colon,
    LParen, RParen, LBrack, RBrack, LBrace, RBrace, Lt, Gt, Ge, Le, EqEq, Neq,
    PlusEq, MinusEq, StarEq, SlashEq, SlashSlashEq, PercentEq, AmpEq, PipeEq, CircumflexEq, LtLtEq, GtGtEq, StarStar,
    And, Break, Continue, Def, Elif, Else, For, If, In, Lambda, Load, Not, NotIn, Or, Pass, Return, While, End,
#pragma warning restore CS1591
}

/// <summary>Token text used in error messages.</summary>
public static class TokenKinds
{
    private static readonly string[] Texts =
    [
        "illegal token", "end of file", "newline", "indent", "outdent", "identifier", "int literal", "float literal", "string literal",
        "+", "-", "*", "/", "//", "%", "&", "|", "^", "<<", ">>", "~", ".", ",", "=", ";", ":",
        "(", ")", "[", "]", "{", "}", "<", ">", ">=", "<=", "==", "!=",
        "+=", "-=", "*=", "/=", "//=", "%=", "&=", "|=", "^=", "<<=", ">>=", "**",
        "and", "break", "continue", "def", "elif", "else", "for", "if", "in", "lambda", "load", "not", "not in", "or", "pass", "return", "while", "end",
    ];

    /// <summary>The spelling of a token kind.</summary>
    public static string Text(TokenKind k) => Texts[(int)k];

    /// <summary>How a token kind is quoted in "got X, want Y" messages.</summary>
    public static string Quoted(TokenKind k) => k >= TokenKind.Plus && k < TokenKind.And ? "'" + Text(k) + "'" : Text(k);

    internal static readonly Dictionary<string, TokenKind> Keywords = new()
    {
        ["and"] = TokenKind.And,
        ["break"] = TokenKind.Break,
        ["continue"] = TokenKind.Continue,
        ["def"] = TokenKind.Def,
        ["elif"] = TokenKind.Elif,
        ["else"] = TokenKind.Else,
        ["for"] = TokenKind.For,
        ["if"] = TokenKind.If,
        ["in"] = TokenKind.In,
        ["lambda"] = TokenKind.Lambda,
        ["load"] = TokenKind.Load,
        ["not"] = TokenKind.Not,
        ["or"] = TokenKind.Or,
        ["pass"] = TokenKind.Pass,
        ["return"] = TokenKind.Return,
        ["while"] = TokenKind.While,
    };

    internal static readonly HashSet<string> Reserved =
    [
        "as", "assert", "async", "await", "class", "del", "except", "finally", "from", "global", "import", "is", "nonlocal", "raise", "try", "with", "yield",
    ];
}
