namespace Hull.Yaml;

/// <summary>How ytt reads a comment: `#@` code or annotation, `#!` ytt comment, or a plain `#` comment.</summary>
public enum CommentKind
{
    /// <summary>A plain `#` comment.</summary>
    Plain,
    /// <summary>A `#@` comment: template code or an annotation.</summary>
    Code,
    /// <summary>A `#!` comment, dropped by templating.</summary>
    Ytt,
}

/// <summary>A comment attached to a node: <see cref="Data"/> is the text after `#`, exactly as written.</summary>
public sealed record Comment(string Data, Position Position)
{
    /// <summary>The comment's kind, from its first character after `#`.</summary>
    public CommentKind Kind => Data.Length == 0 ? CommentKind.Plain : Data[0] switch
    {
        '@' => CommentKind.Code,
        '!' => CommentKind.Ytt,
        _ => CommentKind.Plain,
    };
}
