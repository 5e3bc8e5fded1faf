namespace Hull.Packaging.Auditing;

/// <summary>A unified diff of two texts by lines (longest common subsequence, three lines of context).</summary>
public static class LineDiff
{
    // The LCS table is n*m; past this the texts are only reported as different.
    private const long MaxCells = 16_000_000;
    private const int Context = 3;

    /// <summary>The diff's lines (`--- a`, `+++ b`, `@@` hunks); empty when the texts are equal.</summary>
    public static IReadOnlyList<string> Unified(string? oldText, string? newText, string oldName, string newName)
    {
        if (oldText == newText)
        {
            return [];
        }
        string[] a = Split(oldText);
        string[] b = Split(newText);
        var lines = new List<string> { $"--- {oldName}", $"+++ {newName}" };
        if ((long)a.Length * b.Length > MaxCells)
        {
            lines.Add($"(too large to compare line by line: {a.Length} and {b.Length} lines)");
            return lines;
        }
        var edits = Edits(a, b);
        int i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Op == ' ')
            {
                i++;
                continue;
            }
            int start = Math.Max(0, i - Context);
            int end = i;
            // Extend the hunk while the next change is within twice the context.
            while (end < edits.Count)
            {
                int next = end;
                while (next < edits.Count && edits[next].Op == ' ')
                {
                    next++;
                }
                if (next == edits.Count || next - end > 2 * Context)
                {
                    end = Math.Min(edits.Count, end + Context);
                    break;
                }
                end = next + 1;
                while (end < edits.Count && edits[end].Op != ' ')
                {
                    end++;
                }
            }
            int oldStart = edits[start].OldLine;
            int newStart = edits[start].NewLine;
            int oldCount = edits.Skip(start).Take(end - start).Count(e => e.Op != '+');
            int newCount = edits.Skip(start).Take(end - start).Count(e => e.Op != '-');
            lines.Add($"@@ -{oldStart + 1},{oldCount} +{newStart + 1},{newCount} @@");
            for (int k = start; k < end; k++)
            {
                lines.Add(edits[k].Op + edits[k].Text);
            }
            i = end;
        }
        return lines;
    }

    private static string[] Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.TrimEnd('\n').Split('\n');

    private readonly record struct Edit(char Op, string Text, int OldLine, int NewLine);

    private static List<Edit> Edits(string[] a, string[] b)
    {
        int n = a.Length, m = b.Length;
        var lcs = new int[n + 1, m + 1];
        for (int x = n - 1; x >= 0; x--)
        {
            for (int y = m - 1; y >= 0; y--)
            {
                lcs[x, y] = a[x] == b[y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
            }
        }
        var edits = new List<Edit>(n + m);
        int i = 0, j = 0;
        while (i < n || j < m)
        {
            if (i < n && j < m && a[i] == b[j])
            {
                edits.Add(new(' ', a[i], i++, j++));
            }
            else if (i < n && (j == m || lcs[i + 1, j] >= lcs[i, j + 1]))
            {
                edits.Add(new('-', a[i], i++, j)); // removals before additions, as diff -u prints them
            }
            else
            {
                edits.Add(new('+', b[j], i, j++));
            }
        }
        return edits;
    }
}
