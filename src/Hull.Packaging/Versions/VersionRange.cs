using Semver;

namespace Hull.Packaging.Versions;

/// <summary>
/// A semver range in the syntax kapp-controller's versionSelection.constraints accepts: comparisons joined by
/// spaces (and) and by <c>||</c> (or), operators <c>&lt; &lt;= &gt; &gt;= = == != !</c>, and <c>x</c> wildcards.
/// </summary>
public sealed class VersionRange
{
    private readonly IReadOnlyList<IReadOnlyList<Comparison>> _alternatives;

    private VersionRange(string text, IReadOnlyList<IReadOnlyList<Comparison>> alternatives)
    {
        Text = text;
        _alternatives = alternatives;
    }

    /// <summary>The range as written.</summary>
    public string Text { get; }

    /// <summary>Parses a range; throws <see cref="VersionRangeException"/> naming the part that is not understood.</summary>
    public static VersionRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new VersionRangeException("version constraint is empty");
        }
        var alternatives = new List<IReadOnlyList<Comparison>>();
        foreach (string part in text.Split("||"))
        {
            var all = new List<Comparison>();
            var tokens = Tokenize(part, text);
            if (tokens.Count == 0)
            {
                throw new VersionRangeException($"version constraint '{text}': empty alternative around '||'");
            }
            foreach (string token in tokens)
            {
                all.AddRange(ParseComparison(token, text));
            }
            alternatives.Add(all);
        }
        return new VersionRange(text, alternatives.SelectMany(Expand).ToList());
    }

    /// <summary>True when the version satisfies the range.</summary>
    public bool Contains(SemVersion version) =>
        _alternatives.Any(all => all.All(c => c.Matches(version)));

    /// <inheritdoc />
    public override string ToString() => Text;

    // "!=1.2.x" expands to an alternative; keep each alternative a plain conjunction.
    private static IEnumerable<IReadOnlyList<Comparison>> Expand(IReadOnlyList<Comparison> all)
    {
        int split = -1;
        for (int i = 0; i < all.Count; i++)
        {
            if (all[i].Op == Operator.NotInWildcard)
            {
                split = i;
                break;
            }
        }
        if (split < 0)
        {
            yield return all;
            yield break;
        }
        var c = all[split];
        var rest = all.Where((_, i) => i != split).ToList();
        foreach (var tail in Expand(rest))
        {
            yield return [new Comparison(Operator.Less, c.Version), .. tail];
            yield return [new Comparison(Operator.GreaterOrEqual, c.Upper!), .. tail];
        }
    }

    // Operators may be separated from their version by spaces (">= 1.0.0"), so glue them back on.
    private static List<string> Tokenize(string part, string whole)
    {
        var raw = part.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tokens = new List<string>();
        for (int i = 0; i < raw.Length; i++)
        {
            string t = raw[i];
            if (t.TrimStart('<', '>', '=', '!').Length == 0)
            {
                if (i + 1 >= raw.Length)
                {
                    throw new VersionRangeException($"version constraint '{whole}': operator '{t}' has no version");
                }
                t += raw[++i];
            }
            tokens.Add(t);
        }
        return tokens;
    }

    private static IEnumerable<Comparison> ParseComparison(string token, string whole)
    {
        int i = 0;
        while (i < token.Length && token[i] is '<' or '>' or '=' or '!')
        {
            i++;
        }
        string op = token[..i];
        string version = token[i..];
        var kind = op switch
        {
            "" or "=" or "==" => Operator.Equal,
            "!=" or "!" => Operator.NotEqual,
            "<" => Operator.Less,
            "<=" => Operator.LessOrEqual,
            ">" => Operator.Greater,
            ">=" => Operator.GreaterOrEqual,
            _ => throw new VersionRangeException($"version constraint '{whole}': unknown operator '{op}'"),
        };
        var parts = version.Split('.');
        if (parts.Length == 2 && parts[1] is "x" or "X" or "*")
        {
            parts = [parts[0], parts[1], parts[1]];
        }
        int wildcard = Array.FindIndex(parts, p => p is "x" or "X" or "*");
        if (wildcard < 0)
        {
            yield return new Comparison(kind, ParseVersion(version, whole));
            yield break;
        }
        if (parts.Length != 3 || wildcard == 0 || parts.Skip(wildcard).Any(p => p is not ("x" or "X" or "*")))
        {
            throw new VersionRangeException($"version constraint '{whole}': '{version}' is not a valid wildcard version (use forms like 1.x or 1.2.x)");
        }
        var lower = ParseVersion(string.Join('.', parts.Select((p, k) => k >= wildcard ? "0" : p)), whole);
        var upper = wildcard == 1 ? new SemVersion(lower.Major + 1, 0, 0) : new SemVersion(lower.Major, lower.Minor + 1, 0);
        switch (kind)
        {
            case Operator.Equal:
                yield return new Comparison(Operator.GreaterOrEqual, lower);
                yield return new Comparison(Operator.Less, upper);
                break;
            case Operator.NotEqual:
                yield return new Comparison(Operator.NotInWildcard, lower, upper);
                break;
            case Operator.Greater:
            case Operator.LessOrEqual:
                yield return new Comparison(kind == Operator.Greater ? Operator.GreaterOrEqual : Operator.Less, upper);
                break;
            default:
                yield return new Comparison(kind, lower);
                break;
        }
    }

    private static SemVersion ParseVersion(string text, string whole) =>
        SemVersion.TryParse(text, SemVersionStyles.Strict, out var v)
            ? v
            : throw new VersionRangeException($"version constraint '{whole}': '{text}' is not a semantic version");

    private enum Operator
    {
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        NotInWildcard,
    }

    private sealed record Comparison(Operator Op, SemVersion Version, SemVersion? Upper = null)
    {
        public bool Matches(SemVersion v)
        {
            int c = v.ComparePrecedenceTo(Version);
            return Op switch
            {
                Operator.Equal => c == 0,
                Operator.NotEqual => c != 0,
                Operator.Less => c < 0,
                Operator.LessOrEqual => c <= 0,
                Operator.Greater => c > 0,
                Operator.GreaterOrEqual => c >= 0,
                _ => throw new InvalidOperationException("wildcard exclusions are expanded at parse time"),
            };
        }
    }
}
