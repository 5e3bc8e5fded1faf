using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Hull.Templating.Yaml.Interim;

/// <summary>go-yaml v2's resolution of plain scalars (null, bool incl. yes/no/on/off, int incl. hex/octal/binary, float).</summary>
internal static partial class GoYamlScalars
{
    public static object? Resolve(string s)
    {
        switch (s)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON": return true;
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF": return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF": return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF": return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN": return double.NaN;
        }
        char c = s[0];
        if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.')) return s;
        string plain = s.Replace("_", "", StringComparison.Ordinal);
        if (IntPattern().IsMatch(plain))
        {
            bool neg = plain.StartsWith('-');
            string digits = plain.TrimStart('+', '-');
            BigInteger v;
            if (digits.StartsWith("0x", StringComparison.Ordinal)) v = BigInteger.Parse("0" + digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            else if (digits.StartsWith("0b", StringComparison.Ordinal)) v = digits[2..].Aggregate(BigInteger.Zero, (a, ch) => a * 2 + (ch - '0'));
            else if (digits.Length > 1 && digits[0] == '0' && digits.All(ch => ch is >= '0' and <= '7')) v = digits[1..].Aggregate(BigInteger.Zero, (a, ch) => a * 8 + (ch - '0'));
            else if (digits.All(char.IsAsciiDigit)) v = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
            else return FloatOrString(s, plain);
            if (neg) v = -v;
            return v >= long.MinValue && v <= long.MaxValue ? (long)v : v;
        }
        return FloatOrString(s, plain);
    }

    private static object FloatOrString(string s, string plain)
    {
        if (FloatPattern().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
        return s;
    }

    /// <summary>Whether a string would read back as something other than a string when written plain.</summary>
    public static bool ResolvesToNonString(string s) => Resolve(s) is not string || s.Length == 0;

    [GeneratedRegex(@"^[-+]?(0b[01]+|0x[0-9a-fA-F]+|[0-9]+)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
