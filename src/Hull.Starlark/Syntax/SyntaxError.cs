namespace Hull.Starlark.Syntax;

/// <summary>A scanner, parser or resolver error at a source position.</summary>
public sealed class SyntaxError(Position pos, string msg) : StarlarkException($"{pos}: {msg}")
{
    /// <summary>Where the error was found.</summary>
    public Position Pos { get; } = pos;

    /// <summary>The message without the position.</summary>
    public string Msg { get; } = msg;
}
