using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hull.Templating.Yaml.Interim;

/// <summary>Builds interim nodes from YamlDotNet events and attaches comments as ytt does:
/// a comment on a node's line goes to the deepest node there, other comments to the outermost node starting next.</summary>
internal static partial class InterimReader
{
    public static IDocSet Read(string name, string source)
    {
        var docSet = new IDocSet { Line = 0 };
        var comments = new List<(string Data, int Line, bool Inline)>();
        var starts = new List<(int Line, INode Node)>(); // in tree order
        var anchors = new Dictionary<string, object?>(StringComparer.Ordinal);
        var parser = new Parser(new Scanner(new StringReader(source), skipComments: false));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.Current is not null && !parser.TryConsume<StreamEnd>(out _))
            {
                if (parser.TryConsume<Comment>(out var c0))
                {
                    comments.Add((c0.Value, (int)c0.Start.Line, c0.IsInline));
                    continue;
                }
                var ds = parser.Consume<DocumentStart>();
                var doc = new IDoc { Line = ds.IsImplicit ? 0 : (int)ds.Start.Line };
                docSet.Items.Add(doc);
                if (!ds.IsImplicit) starts.Add((doc.Line, doc));
                doc.Value = ReadValue(parser, source, comments, starts, anchors);
                while (parser.TryConsume<Comment>(out var c1)) comments.Add((c1.Value, (int)c1.Start.Line, c1.IsInline));
                parser.Consume<DocumentEnd>();
            }
        }
        catch (YamlException e)
        {
            throw new TemplateException(GoMessage(e));
        }

        Attach(docSet, comments, starts);
        return docSet;
    }

    private static object? ReadValue(IParser parser, string source, List<(string, int, bool)> comments, List<(int, INode)> starts, Dictionary<string, object?> anchors)
    {
        while (parser.TryConsume<Comment>(out var c)) comments.Add((c.Value, (int)c.Start.Line, c.IsInline));
        var ev = parser.Current!;
        switch (ev)
        {
            case Scalar s:
                {
                    parser.MoveNext();
                    object? v = ScalarValue(s);
                    if (!s.Anchor.IsEmpty) anchors[s.Anchor.Value] = v;
                    return v;
                }
            case AnchorAlias a:
                parser.MoveNext();
                return anchors.TryGetValue(a.Value.Value, out var target) ? InterimOps.DeepCopy(target) : throw new TemplateException($"yaml: unknown anchor '{a.Value.Value}' referenced");
            case MappingStart ms:
                {
                    parser.MoveNext();
                    var map = new IMap { Line = (int)ms.Start.Line };
                    starts.Add((map.Line, map));
                    while (true)
                    {
                        while (parser.TryConsume<Comment>(out var c)) comments.Add((c.Value, (int)c.Start.Line, c.IsInline));
                        if (parser.TryConsume<MappingEnd>(out _)) break;
                        int keyLine = (int)parser.Current!.Start.Line;
                        var item = new IMapItem { Line = keyLine };
                        starts.Add((keyLine, item));
                        int before = starts.Count;
                        item.Key = ReadValue(parser, source, comments, starts, anchors);
                        if (item.Key is INode) throw new TemplateException($"yaml: line {keyLine}: complex map keys are not supported");
                        item.Value = ReadValue(parser, source, comments, starts, anchors);
                        if (item.Key is "<<" && item.Value is IMap merge)
                        {
                            // Merge key: splice the referenced map's items that are not overridden later.
                            foreach (var mi in merge.Items.Cast<IMapItem>()) map.Items.Add(InterimOps.DeepCopy(mi)!);
                            continue;
                        }
                        map.Items.Add(item);
                    }
                    if (map.Items.Count > 0) map.Line = ((INode)map.Items[0]).Line;
                    if (!ms.Anchor.IsEmpty) anchors[ms.Anchor.Value] = map;
                    return map;
                }
            case SequenceStart ss:
                {
                    parser.MoveNext();
                    var arr = new IArray { Line = (int)ss.Start.Line };
                    starts.Add((arr.Line, arr));
                    while (true)
                    {
                        while (parser.TryConsume<Comment>(out var c)) comments.Add((c.Value, (int)c.Start.Line, c.IsInline));
                        if (parser.TryConsume<SequenceEnd>(out _)) break;
                        var item = new IArrayItem { Line = DashLine(source, parser.Current!.Start) };
                        starts.Add((item.Line, item));
                        item.Value = ReadValue(parser, source, comments, starts, anchors);
                        arr.Items.Add(item);
                    }
                    if (!ss.Anchor.IsEmpty) anchors[ss.Anchor.Value] = arr;
                    return arr;
                }
            default:
                throw new TemplateException($"yaml: unexpected {ev.GetType().Name} at line {ev.Start.Line}");
        }
    }

    // The line of the "-" introducing a sequence entry, found by walking back from the entry's value over blanks and comment lines.
    private static int DashLine(string source, Mark valueStart)
    {
        int i = Math.Min((int)valueStart.Index, source.Length) - 1;
        int line = (int)valueStart.Line;
        while (i >= 0)
        {
            char c = source[i];
            if (c == '\n')
            {
                line--;
                int ls = i == 0 ? 0 : source.LastIndexOf('\n', i - 1) + 1;
                if (source.AsSpan(ls, i - ls).Trim().StartsWith("#")) i = ls - 1;
                else i--;
                continue;
            }
            if (c is ' ' or '\t' or '\r')
            {
                i--;
                continue;
            }
            return c == '-' ? line : (int)valueStart.Line;
        }
        return (int)valueStart.Line;
    }

    private static object? ScalarValue(Scalar s)
    {
        string tag = s.Tag.IsEmpty ? "" : s.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" or "!!str") return s.Value;
        if (s.Style != ScalarStyle.Plain && tag.Length == 0) return s.Value;
        var v = GoYamlScalars.Resolve(s.Value);
        return tag switch
        {
            "tag:yaml.org,2002:float" or "!!float" when v is long l => (double)l,
            _ => v,
        };
    }

    private static void Attach(IDocSet docSet, List<(string Data, int Line, bool Inline)> comments, List<(int Line, INode Node)> starts)
    {
        // Only documents, map items and array items carry templating; collections never do.
        var candidates = starts.Where(s => s.Node is IValueNode && s.Line > 0).ToList();
        var byLineDeepest = new Dictionary<int, INode>();
        foreach (var (line, node) in candidates) byLineDeepest[line] = node;
        var sortedLines = candidates.Select(c => c.Line).Distinct().Order().ToArray();
        var outermost = new Dictionary<int, INode>();
        foreach (var (line, node) in candidates) outermost.TryAdd(line, node);

        IDoc? trailing = null;
        foreach (var (data, line, inline) in comments.OrderBy(c => c.Line))
        {
            if (inline && byLineDeepest.TryGetValue(line, out var here))
            {
                here.Comments.Add((data, line));
                continue;
            }
            int idx = Array.BinarySearch(sortedLines, line + 1);
            if (idx < 0) idx = ~idx;
            if (idx < sortedLines.Length)
            {
                outermost[sortedLines[idx]].Comments.Add((data, line));
                continue;
            }
            if (trailing is null)
            {
                trailing = new IDoc { Line = 0 };
                docSet.Items.Add(trailing);
            }
            trailing.Comments.Add((data, line));
        }
    }

    private static string GoMessage(YamlException e)
    {
        string msg = e.Message;
        var m = MarkPrefix().Match(msg);
        if (m.Success) msg = msg[m.Length..];
        msg = msg.Replace("While scanning for the next token, ", "", StringComparison.Ordinal)
                 .Replace("While scanning a plain scalar, ", "", StringComparison.Ordinal)
                 .Replace("While parsing a block mapping, ", "", StringComparison.Ordinal)
                 .Replace("While parsing a block collection, ", "", StringComparison.Ordinal)
                 .TrimEnd('.');
        if (msg.Length > 0) msg = char.ToLowerInvariant(msg[0]) + msg[1..];
        return $"yaml: line {e.Start.Line}: {msg}";
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
