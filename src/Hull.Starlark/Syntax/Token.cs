namespace Hull.Starlark.Syntax;

/// <summary>A lexical token with its position and decoded literal value.</summary>
public readonly record struct Token(TokenKind Kind, Position Pos, string Raw, object? Value);
