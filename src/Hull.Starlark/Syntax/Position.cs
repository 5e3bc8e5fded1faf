namespace Hull.Starlark.Syntax;

/// <summary>A source position: file name, 1-based line and column.</summary>
public readonly record struct Position(string File, int Line, int Col)
{
    /// <summary>Whether the position refers to a real location.</summary>
    public bool IsValid => Line > 0;

    /// <inheritdoc/>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Col}" : File;
}
