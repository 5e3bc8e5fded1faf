using Hull.Failures;
namespace Hull.Templating.Compilation;

/// <summary>A parsed `#` comment of a template: `#!` comment, `#@ code`, `#@ value` or `#@name args`.</summary>
/// <param name="Name">Annotation name; <see cref="Code"/>/<see cref="Value"/> for plain `#@`, <see cref="Comment"/> for `#!`.</param>
/// <param name="Content">Text after the name.</param>
public readonly record struct TemplateAnnotation(string Name, string Content)
{
    /// <summary>Name given to `#!` comments (and unknown comments when ignored).</summary>
    public const string Comment = "comment";
    /// <summary>Name of `#@ code` lines.</summary>
    public const string Code = "template/code";
    /// <summary>Name of `#@ expr` on the node's own line.</summary>
    public const string Value = "template/value";

    /// <summary>Parses comment data (the text after `#`).</summary>
    public static TemplateAnnotation Parse(string data, bool ignoreUnknown)
    {
        if (data.Length > 0 && data[0] == '!') return new(Comment, data[1..]);
        if (data.Length > 0 && data[0] == '@')
        {
            string rest = data[1..];
            int sp = rest.IndexOf(' ', StringComparison.Ordinal);
            return sp < 0 ? new(rest, "") : new(rest[..sp], rest[(sp + 1)..]);
        }
        if (ignoreUnknown) return new(Comment, data);
        throw new AnnotationFormatException("Expected ytt-formatted string (use '#@' for annotations or code, '#!' for comments)");
    }
}

/// <summary>A comment that is not in ytt's format.</summary>
public sealed class AnnotationFormatException(string message) : HullException(message);
