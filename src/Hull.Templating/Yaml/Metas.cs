using Hull.Templating.Compilation;
using Hull.Yaml;

namespace Hull.Templating.Yaml;

/// <summary>A `#@` comment attached to a node, classified.</summary>
/// <param name="Line">Line of the comment.</param>
/// <param name="Data">Code, value expression or annotation arguments.</param>
public readonly record struct MetaLine(int Line, string Data);

/// <summary>An annotation comment on a node.</summary>
/// <param name="Line">Line of the comment.</param>
/// <param name="Name">Annotation name, e.g. `overlay/match`.</param>
/// <param name="Content">Argument text.</param>
public readonly record struct MetaAnnotation(int Line, string Name, string Content);

/// <summary>What a node's comments ask for: code blocks before it, computed values, annotations, node-sugar `*/end` counts.</summary>
public sealed class Metas
{
    private static readonly (string Sugar, string Keyword)[] s_nodeKeywords =
    [
        ("if/end", "if"), ("else/end", "else"), ("elif/end", "elif"), ("for/end", "for"), ("def/end", "def"),
    ];

    private static readonly Metas s_none = new();

    /// <summary>Code lines to run before the node.</summary>
    public List<MetaLine> Blocks { get; } = [];

    /// <summary>Expressions whose value replaces the node's value.</summary>
    public List<MetaLine> Values { get; } = [];

    /// <summary>Annotations in order.</summary>
    public List<MetaAnnotation> Annotations { get; } = [];

    /// <summary>How many `*/end` sugar keywords were used (each needs an `end` after the node).</summary>
    public int NeedsEnds { get; private set; }

    /// <summary>Classifies the comments of a node at <paramref name="nodeLine"/> whose own value is <paramref name="hasValue"/>.</summary>
    public static Metas Extract(IReadOnlyList<Comment> comments, int nodeLine, bool hasValue, bool ignoreUnknown, string file)
    {
        if (comments.Count == 0)
        {
            return s_none; // most nodes of large templates carry no comments
        }

        var m = new Metas();
        foreach (var comment in comments)
        {
            var data = comment.Data;
            var line = comment.Position.Line;
            TemplateAnnotation ann;
            try
            {
                ann = TemplateAnnotation.Parse(data, ignoreUnknown);
            }
            catch (AnnotationFormatException e)
            {
                throw new TemplateException($"Compiling YAML template '{file}': Failed to parse line {line}: '#{data}': {e.Message}");
            }

            string name = ann.Name;
            if (name.Length == 0)
            {
                name = nodeLine > 0 && line == nodeLine ? TemplateAnnotation.Value : TemplateAnnotation.Code;
            }

            switch (name)
            {
                case TemplateAnnotation.Value:
                    if (hasValue)
                    {
                        throw new TemplateException($"Expected YAML node at line {file}:{line} to have either computed or YAML value, but found both");
                    }
                    m.Values.Add(new MetaLine(line, ann.Content));
                    break;
                case TemplateAnnotation.Code:
                    {
                        if (m.NeedsEnds > 0)
                        {
                            throw new TemplateException($"Unexpected code at line {file}:{line} after use of '*/end', expected YAML node");
                        }
                        string code = ann.Content;
                        int ws = 0;
                        while (ws < code.Length && char.IsWhiteSpace(code[ws])) ws++;
                        foreach (var (sugar, keyword) in s_nodeKeywords)
                        {
                            if (string.CompareOrdinal(code, ws, sugar, 0, sugar.Length) == 0)
                            {
                                m.NeedsEnds++;
                                code = code[..ws] + keyword + code[(ws + sugar.Length)..];
                            }
                        }
                        m.Blocks.Add(new MetaLine(line, code));
                        break;
                    }
                case TemplateAnnotation.Comment:
                    break;
                default:
                    m.Annotations.Add(new MetaAnnotation(line, name, ann.Content));
                    break;
            }
        }
        return m;
    }
}
