namespace Hull.Yaml;

/// <summary>go-yaml v2's timestamp check: the four layouts it tries with Go's time.Parse.</summary>
internal static class GoTimestamp
{
    public static bool IsTimestamp(string s)
    {
        // Quick check: every accepted layout starts with YYYY-.
        if (s.Length < 8 || s[4] != '-')
        {
            return false;
        }

        for (var k = 0; k < 4; k++)
        {
            if (!char.IsAsciiDigit(s[k]))
            {
                return false;
            }
        }

        var year = int.Parse(s.AsSpan(0, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
        var i = 5;
        if (!Num(s, ref i, out var month) || month < 1 || month > 12 || !Expect(s, ref i, '-') || !Num(s, ref i, out var day))
        {
            return false;
        }

        if (day < 1 || day > DateTime.DaysInMonth(year == 0 ? 2000 : year, month))
        {
            return false;
        }

        if (i == s.Length)
        {
            return true;
        }

        var sep = s[i];
        if (sep != 'T' && sep != 't' && sep != ' ')
        {
            return false;
        }

        i++;
        if (!Num(s, ref i, out var hour) || hour > 23 || !Expect(s, ref i, ':') || !Num(s, ref i, out var min) || min > 59
            || !Expect(s, ref i, ':') || !Num(s, ref i, out var sec) || sec > 59)
        {
            return false;
        }

        if (i + 1 < s.Length && (s[i] == '.' || s[i] == ',') && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }

        if (sep == ' ')
        {
            return i == s.Length;
        }

        if (i < s.Length && s[i] == 'Z')
        {
            return i + 1 == s.Length;
        }

        // ±hh:mm
        return i + 6 == s.Length && (s[i] == '+' || s[i] == '-') && char.IsAsciiDigit(s[i + 1]) && char.IsAsciiDigit(s[i + 2])
            && s[i + 3] == ':' && char.IsAsciiDigit(s[i + 4]) && char.IsAsciiDigit(s[i + 5]);
    }

    // One or two digits, as Go's non-fixed getnum.
    private static bool Num(string s, ref int i, out int value)
    {
        value = 0;
        if (i >= s.Length || !char.IsAsciiDigit(s[i]))
        {
            return false;
        }

        value = s[i++] - '0';
        if (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            value = (value * 10) + (s[i++] - '0');
        }

        return true;
    }

    private static bool Expect(string s, ref int i, char c)
    {
        if (i < s.Length && s[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }
}
