using System.Text;
using Hull.Yaml.Formatting;

namespace Hull.Yaml;

/// <summary>ytt's `fmt`: reprints a parsed template with its comments, two-space indentation and sequences indented under keys.</summary>
public static class YamlFormatter
{
    /// <summary>Formats YAML text (comments kept) as `ytt fmt` prints it.</summary>
    public static string Format(string text, string fileName = "")
    {
        var set = YamlParser.Parse(text, fileName);
        return Format(set);
    }

    /// <summary>Formats a parsed document set as `ytt fmt` prints it.</summary>
    public static string Format(DocumentSet set)
    {
        var sb = new StringBuilder();
        var w = new FormatWriter(sb);
        for (var i = 0; i < set.Items.Count; i++)
        {
            var doc = set.Items[i];
            var meta = PrintMeta(doc, "", w, i == 0);
            if (i != 0 || meta.Suffix.Length > 0)
            {
                w.Add(new FormatChunk("---" + meta.Suffix, ""));
            }

            if (doc.Value is not null)
            {
                Print(doc.Value, "", w);
            }

            if (meta.AnyFull)
            {
                w.Add(new FormatChunk("", "", Spacer: true));
            }
        }

        return sb.ToString();
    }

    private static void Print(object? value, string indent, FormatWriter w)
    {
        NestingLimit.EnsureStack();
        switch (value)
        {
            case Map m:
                for (var i = 0; i < m.Items.Count; i++)
                {
                    var item = m.Items[i];
                    var meta = PrintMeta(item, indent, w, i == 0);
                    var key = GoFormat.PercentS(item.Key);
                    if (item.Value is Node || IsMultiline(item.Value))
                    {
                        w.Add(new FormatChunk(key + ":" + meta.Suffix, indent, AllowsInlining: meta.Suffix.Length == 0 && item.Value is not Node, CanBeInlined: true));
                        Print(item.Value, indent + "  ", w);
                    }
                    else
                    {
                        var val = meta.Suffix.Length > 0 && item.Value is null ? "" : " " + Leaf(item.Value);
                        w.Add(new FormatChunk(key + ":" + val + meta.Suffix, indent, CanBeInlined: true));
                    }

                    if (meta.AnyFull)
                    {
                        w.Add(new FormatChunk("", "", Spacer: true));
                    }
                }

                break;
            case YamlArray a:
                for (var i = 0; i < a.Items.Count; i++)
                {
                    var item = a.Items[i];
                    var meta = PrintMeta(item, indent, w, i == 0);
                    if (item.Value is Node || IsMultiline(item.Value))
                    {
                        w.Add(new FormatChunk("-" + meta.Suffix, indent, AllowsInlining: meta.Suffix.Length == 0, CanBeInlined: true));
                        Print(item.Value, indent + "  ", w);
                    }
                    else
                    {
                        var val = meta.Suffix.Length > 0 && item.Value is null ? "" : " " + Leaf(item.Value);
                        w.Add(new FormatChunk("-" + val + meta.Suffix, indent, CanBeInlined: true));
                    }

                    if (meta.AnyFull)
                    {
                        w.Add(new FormatChunk("", "", Spacer: true));
                    }
                }

                break;
            default:
                w.Add(new FormatChunk(Leaf(value), indent, CanBeInlined: true));
                break;
        }
    }

    private static bool IsMultiline(object? value) => value is not Node && Leaf(value).Contains('\n');

    private static string Leaf(object? value) => YamlEmitter.FormatScalar(value);

    private static (string Suffix, bool AnyFull) PrintMeta(Node node, string indent, FormatWriter w, bool firstChild)
    {
        var suffix = "";
        var anyFull = false;
        var spaced = firstChild;
        foreach (var c in node.Comments)
        {
            if (node.Position.IsKnown && c.Position.Line == node.Position.Line)
            {
                suffix = " #" + c.Data;
            }
            else
            {
                if (!spaced)
                {
                    spaced = true;
                    w.Add(new FormatChunk("", "", Spacer: true));
                }

                anyFull = true;
                w.Add(new FormatChunk("#" + c.Data, indent));
            }
        }

        return (suffix, anyFull);
    }
}
