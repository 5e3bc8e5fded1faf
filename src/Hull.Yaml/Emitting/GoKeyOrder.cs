namespace Hull.Yaml;

/// <summary>
/// go-yaml v2's order of string map keys (what sigs.k8s.io/yaml, kbld, imgpkg and kubectl write): runs of digits
/// compare as numbers, non-letters before letters.
/// </summary>
public sealed class GoKeyOrder : IComparer<string>
{
    /// <summary>The single instance.</summary>
    public static GoKeyOrder Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }
        return Less(x, y) ? -1 : Less(y, x) ? 1 : 0;
    }

    // Compares UTF-16 units: keys outside the Basic Multilingual Plane are rare enough in manifests not to matter.
    private static bool Less(string a, string b)
    {
        for (int i = 0; i < a.Length && i < b.Length; i++)
        {
            char ac = a[i], bc = b[i];
            if (ac == bc)
            {
                continue;
            }
            bool al = char.IsLetter(ac), bl = char.IsLetter(bc);
            if (al && bl)
            {
                return ac < bc;
            }
            if (al || bl)
            {
                return bl;
            }
            long an = 0, bn = 0;
            if (ac == '0' || bc == '0')
            {
                for (int j = i - 1; j >= 0 && char.IsDigit(a[j]); j--)
                {
                    if (a[j] != '0')
                    {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i, bi = i;
            for (; ai < a.Length && char.IsAsciiDigit(a[ai]); ai++)
            {
                an = unchecked((an * 10) + (a[ai] - '0'));
            }
            for (; bi < b.Length && char.IsAsciiDigit(b[bi]); bi++)
            {
                bn = unchecked((bn * 10) + (b[bi] - '0'));
            }
            if (an != bn)
            {
                return an < bn;
            }
            if (ai != bi)
            {
                return ai < bi;
            }
            return ac < bc;
        }
        return a.Length < b.Length;
    }
}
