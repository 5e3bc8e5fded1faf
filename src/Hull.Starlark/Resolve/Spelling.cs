namespace Hull.Starlark.Resolve;

/// <summary>Finds the nearest known name to a misspelled one, for "did you mean" hints.</summary>
public static class Spelling
{
    /// <summary>The candidate closest to <paramref name="x"/>, or null when none is close enough.</summary>
    public static string? Nearest(string x, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDist = int.MaxValue;
        string lx = x.ToLowerInvariant().Replace("_", "");
        foreach (var c in candidates)
        {
            if (c == x || c.StartsWith('_') && !x.StartsWith('_')) continue;
            int d = Distance(lx, c.ToLowerInvariant().Replace("_", ""));
            if (d <= 1 + x.Length / 4 && d < bestDist)
            {
                best = c;
                bestDist = d;
            }
        }
        return best;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
