namespace Hull.Yaml.Parsing;

/// <summary>
/// Attaches comments to nodes as ytt does: a comment belongs to the nearest node at or below its line
/// (the innermost node when on the same line, the outermost when on a later line); comments with no such node
/// in their document go to the next document, or to an injected trailing document.
/// </summary>
internal static class CommentAssigner
{
    public static void Assign(DocumentSet set, List<(int Line, int Column)> marks, string source, int correction, string file, List<int> docLines)
    {
        var lineStarts = LineStarts(source);
        var comments = new List<Comment>(marks.Count);
        foreach (var (line, column) in marks)
        {
            var start = lineStarts[line - 1] + column; // index just after '#'
            var end = line < lineStarts.Count ? lineStarts[line] - 1 : source.Length;
            if (end > start && source[end - 1] == '\r')
            {
                end--;
            }

            comments.Add(new Comment(start <= end ? source[start..end] : "", new Position(file, line - correction)));
        }

        var ci = 0;
        List<Comment>? carried = null;
        var nodes = new List<(int Line, Node Node)>();
        for (var d = 0; d < set.Items.Count; d++)
        {
            var doc = set.Items[d];
            var nextDocLine = d + 1 < docLines.Count ? docLines[d + 1] : int.MaxValue;
            if (carried is not null)
            {
                foreach (var c in carried)
                {
                    doc.AddComment(c);
                }

                carried = null;
            }

            if (ci >= comments.Count || comments[ci].Position.Line >= nextDocLine)
            {
                continue;
            }

            nodes.Clear();
            // The prepended document's position is unknown to ytt while comments are assigned.
            var docKnown = !(d == 0 && docLines[0] <= 0);
            Collect(doc, docKnown, nodes);
            StableSortByLine(nodes);
            while (ci < comments.Count && comments[ci].Position.Line < nextDocLine)
            {
                var c = comments[ci++];
                var owner = FindOwner(nodes, c.Position.Line);
                if (owner is null)
                {
                    (carried ??= new()).Add(c);
                }
                else
                {
                    owner.AddComment(c);
                }
            }
        }

        while (ci < comments.Count)
        {
            (carried ??= new()).Add(comments[ci++]);
        }

        if (carried is not null)
        {
            var end = new Document { Injected = true, Position = new Position(file, 0) };
            end.SetComments(carried);
            set.Items.Add(end);
        }
    }

    private static Node? FindOwner(List<(int Line, Node Node)> nodes, int line)
    {
        int lo = 0, hi = nodes.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (nodes[mid].Line < line)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        if (lo == nodes.Count)
        {
            return null;
        }

        var at = nodes[lo].Line;
        if (at != line)
        {
            return nodes[lo].Node;
        }

        var last = lo;
        while (last + 1 < nodes.Count && nodes[last + 1].Line == at)
        {
            last++;
        }

        return nodes[last].Node;
    }

    private static void Collect(object? value, bool known, List<(int, Node)> into)
    {
        NestingLimit.EnsureStack();
        switch (value)
        {
            case Document d:
                if (known)
                {
                    into.Add((d.Position.Line, d));
                }

                Collect(d.Value, true, into);
                break;
            case Map m:
                foreach (var i in m.Items)
                {
                    into.Add((i.Position.Line, i));
                    Collect(i.Value, true, into);
                }

                break;
            case YamlArray a:
                foreach (var i in a.Items)
                {
                    into.Add((i.Position.Line, i));
                    Collect(i.Value, true, into);
                }

                break;
        }
    }

    private static void StableSortByLine(List<(int Line, Node Node)> nodes)
    {
        for (var i = 1; i < nodes.Count; i++)
        {
            if (nodes[i].Line < nodes[i - 1].Line)
            {
                var sorted = nodes.Select((n, idx) => (n, idx)).OrderBy(x => x.n.Line).ThenBy(x => x.idx).Select(x => x.n).ToList();
                nodes.Clear();
                nodes.AddRange(sorted);
                return;
            }
        }
    }

    private static List<int> LineStarts(string s)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }
}
