namespace Hull.Yaml.Parsing;

/// <summary>
/// ytt's strict YAML subset (`--strict`): plain scalars must not be ambiguous. Nulls only as `null` or empty, bools
/// only as `true`/`false`, numbers only in basic decimal form, and strings with whitespace, colons or `---` quoted.
/// </summary>
internal static class StrictScalars
{
    /// <summary>Throws when the plain scalar <paramref name="text"/> (resolved to <paramref name="tag"/>) is ambiguous.</summary>
    public static void Check(string text, ScalarTag tag, Position position)
    {
        var ok = tag switch
        {
            ScalarTag.Null => text is "" or "null",
            ScalarTag.Bool => text is "true" or "false",
            ScalarTag.Int => IsBasicInt(text),
            ScalarTag.Float => IsBasicFloat(text),
            ScalarTag.Str => !NeedsQuotes(text),
            _ => false,
        };
        if (ok)
        {
            return;
        }

        var what = tag switch
        {
            ScalarTag.Null => "(could be !!str or !!null)",
            ScalarTag.Bool => "(could be !!str or !!bool)",
            ScalarTag.Int => "(could be !!str or !!int)",
            ScalarTag.Float => "(could be !!str or !!float)",
            ScalarTag.Str => "(strings with whitespace, colons or '---' must be quoted)",
            _ => "(could be !!str or !!timestamp)",
        };
        throw new YamlException("yaml: Strict parsing: Found '" + text + "' ambigious " + what, position);
    }

    private static bool NeedsQuotes(string s) =>
        s.Contains(':') || s.Contains("---", StringComparison.Ordinal) || s.AsSpan().IndexOfAny(" \t") >= 0;

    private static bool IsBasicInt(string s)
    {
        var digits = s.StartsWith('-') ? s.AsSpan(1) : s.AsSpan();
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9') && (digits.Length == 1 || digits[0] != '0');
    }

    private static bool IsBasicFloat(string s)
    {
        var dot = s.IndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        var exp = s.IndexOfAny(['e', 'E']);
        var intPart = s[..dot];
        var frac = exp < 0 ? s[(dot + 1)..] : s[(dot + 1)..exp];
        if (!IsBasicInt(intPart) && intPart != "-0" && intPart != "0")
        {
            return false;
        }

        if (frac.Length == 0 || frac.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if (exp < 0)
        {
            return true;
        }

        var e = s.AsSpan(exp + 1);
        if (e.Length > 0 && (e[0] == '-' || e[0] == '+'))
        {
            e = e[1..];
        }

        return e.Length > 0 && !e.ContainsAnyExceptInRange('0', '9');
    }
}
