using System.Globalization;
using System.Numerics;

namespace Hull.Yaml;

/// <summary>The type a plain scalar resolves to under go-yaml v2's rules.</summary>
public enum ScalarTag
{
    /// <summary>A string.</summary>
    Str,
    /// <summary>null (`~`, `null`, empty).</summary>
    Null,
    /// <summary>A bool (YAML 1.1 words: yes/no/on/off/y/n/true/false).</summary>
    Bool,
    /// <summary>An integer.</summary>
    Int,
    /// <summary>A float.</summary>
    Float,
    /// <summary>A timestamp (ytt keeps the text as a string, but such strings are quoted on output).</summary>
    Timestamp,
    /// <summary>The merge key `&lt;&lt;`.</summary>
    Merge,
}

/// <summary>go-yaml v2's resolution of plain scalars, written from its documented rules.</summary>
public static class ScalarResolver
{
    /// <summary>Resolves a plain scalar to null, bool, long, BigInteger (beyond int64), double or string.</summary>
    public static object? Resolve(string plain)
    {
        var tag = ResolveTag(plain, out var value);
        return tag is ScalarTag.Timestamp or ScalarTag.Merge ? plain : value;
    }

    /// <summary>Whether a string can be written plain without changing its type on reading back (go-yaml's check before quoting).</summary>
    public static bool StaysString(string s) => ResolveTag(s, out _) == ScalarTag.Str && !IsBase60Float(s);

    /// <summary>The tag a plain scalar resolves to, and its value.</summary>
    public static ScalarTag ResolveTag(string s, out object? value)
    {
        value = s;
        if (s.Length == 0)
        {
            value = null;
            return ScalarTag.Null;
        }

        var hint = s[0] switch
        {
            '+' or '-' => 'S',
            >= '0' and <= '9' => 'D',
            'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~' or '<' => 'M',
            '.' => '.',
            _ => '\0',
        };
        if (hint == '\0')
        {
            return ScalarTag.Str;
        }

        if (LookupWord(s, out var tag, out value))
        {
            return tag;
        }

        value = s;
        switch (hint)
        {
            case '.':
                if (TryParseDotFloat(s, out var f))
                {
                    value = f;
                    return ScalarTag.Float;
                }

                break;
            case 'D':
            case 'S':
                if (GoTimestamp.IsTimestamp(s))
                {
                    return ScalarTag.Timestamp;
                }

                var plain = s.Contains('_') ? s.Replace("_", "", StringComparison.Ordinal) : s;
                if (TryParseGoInt(plain, out var iv))
                {
                    value = iv;
                    return ScalarTag.Int;
                }

                if (IsYamlStyleFloat(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var fv))
                {
                    value = fv;
                    return ScalarTag.Float;
                }

                break;
        }

        value = s;
        return ScalarTag.Str;
    }

    private static bool LookupWord(string s, out ScalarTag tag, out object? value)
    {
        tag = ScalarTag.Str;
        value = null;
        switch (s)
        {
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON":
                tag = ScalarTag.Bool;
                value = true;
                return true;
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF":
                tag = ScalarTag.Bool;
                value = false;
                return true;
            case "~" or "null" or "Null" or "NULL":
                tag = ScalarTag.Null;
                return true;
            case ".nan" or ".NaN" or ".NAN":
                tag = ScalarTag.Float;
                value = double.NaN;
                return true;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                tag = ScalarTag.Float;
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-.INF":
                tag = ScalarTag.Float;
                value = double.NegativeInfinity;
                return true;
            case "<<":
                tag = ScalarTag.Merge;
                value = "<<";
                return true;
        }

        return false;
    }

    // Go's strconv.ParseInt(s, 0, 64) then ParseUint(s, 0, 64): base prefixes 0x, 0o, 0b and a leading 0 for octal.
    private static bool TryParseGoInt(string s, out object value)
    {
        value = 0L;
        var i = 0;
        var neg = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            neg = s[0] == '-';
            i = 1;
        }

        var signed = i == 1;
        if (i >= s.Length)
        {
            return false;
        }

        var radix = 10;
        if (s[i] == '0' && i + 1 < s.Length)
        {
            switch (s[i + 1])
            {
                case 'x' or 'X':
                    radix = 16;
                    i += 2;
                    break;
                case 'o' or 'O':
                    radix = 8;
                    i += 2;
                    break;
                case 'b' or 'B':
                    radix = 2;
                    i += 2;
                    break;
                default:
                    radix = 8;
                    i += 1;
                    break;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        ulong acc = 0;
        for (; i < s.Length; i++)
        {
            var d = s[i] switch
            {
                >= '0' and <= '9' => s[i] - '0',
                >= 'a' and <= 'f' => s[i] - 'a' + 10,
                >= 'A' and <= 'F' => s[i] - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return false;
            }

            if (acc > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                return false; // beyond uint64: go-yaml falls through to float
            }

            acc = (acc * (ulong)radix) + (ulong)d;
        }

        if (neg)
        {
            if (acc > 9223372036854775808UL)
            {
                return false;
            }

            value = acc == 9223372036854775808UL ? long.MinValue : -(long)acc;
            return true;
        }

        if (acc <= long.MaxValue)
        {
            value = (long)acc;
            return true;
        }

        if (signed)
        {
            return false; // ParseUint rejects a sign
        }

        value = new BigInteger(acc);
        return true;
    }

    // ^[-+]?[0-9]*\.?[0-9]+([eE][-+][0-9]+)?$
    private static bool IsYamlStyleFloat(string s)
    {
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        var intStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        var intDigits = i - intStart;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var fracStart = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == fracStart)
            {
                return false;
            }
        }
        else if (intDigits == 0)
        {
            return false;
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i >= s.Length || (s[i] != '+' && s[i] != '-'))
            {
                return false;
            }

            i++;
            var expStart = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == expStart)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    // Go's ParseFloat on text starting with '.': "." digits (underscores between digits) optional exponent.
    private static bool TryParseDotFloat(string s, out double value)
    {
        value = 0;
        var i = 1;
        var digits = 0;
        var sb = new System.Text.StringBuilder("0.");
        for (; i < s.Length; i++)
        {
            if (char.IsAsciiDigit(s[i]))
            {
                sb.Append(s[i]);
                digits++;
            }
            else if (s[i] == '_' && digits > 0 && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
            {
                continue;
            }
            else
            {
                break;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            sb.Append('e');
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                sb.Append(s[i]);
                i++;
            }

            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                sb.Append(s[i]);
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        return i == s.Length && double.TryParse(sb.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ — YAML 1.1 sexagesimal, quoted on output for other parsers.
    private static bool IsBase60Float(string s)
    {
        if (s.Length == 0 || s.IndexOf(':') < 0)
        {
            return false;
        }

        var i = 0;
        if (s[0] == '+' || s[0] == '-')
        {
            i++;
        }

        if (i >= s.Length || !char.IsAsciiDigit(s[i]))
        {
            return false;
        }

        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_'))
        {
            i++;
        }

        var groups = 0;
        while (i < s.Length && s[i] == ':')
        {
            i++;
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 2)
            {
                i++;
            }

            var len = i - start;
            if (len == 0 || (len == 2 && s[start] > '5'))
            {
                return false;
            }

            groups++;
        }

        if (groups == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_'))
            {
                i++;
            }
        }

        return i == s.Length;
    }
}
