using System.Globalization;
using System.Text;

namespace Hull.Yaml;

/// <summary>Go's strconv float formatting with the shortest round-tripping digits ('g' and 'f'/'e' with precision -1).</summary>
public static class GoFloat
{
    /// <summary>strconv.FormatFloat(f, 'g', -1, 64): `123.123`, `1e+06`, `1e-05`, `NaN`, `+Inf`.</summary>
    public static string FormatG(double f)
    {
        if (double.IsNaN(f))
        {
            return "NaN";
        }

        if (double.IsInfinity(f))
        {
            return f > 0 ? "+Inf" : "-Inf";
        }

        // Shortest formatting decides between %e and %f with precision 6: exponent < -4 or >= 6 means %e.
        var (neg, digits, exp) = Decompose(f);
        return FormatWith(neg, digits, exp, useE: exp < -4 || exp >= 6);
    }

    /// <summary>strconv.FormatFloat(f, 'f', -1, 64): `123.123`, `1000000`, `0.00001`, `NaN`, `+Inf`.</summary>
    public static string FormatF(double f)
    {
        if (double.IsNaN(f))
        {
            return "NaN";
        }

        if (double.IsInfinity(f))
        {
            return f > 0 ? "+Inf" : "-Inf";
        }

        var (neg, digits, exp) = Decompose(f);
        return FormatWith(neg, digits, exp, useE: false);
    }

    /// <summary>Go's encoding/json float64 text: 'f' unless |f| &lt; 1e-6 or ≥ 1e21, exponents without a leading zero.</summary>
    public static string FormatJson(double f)
    {
        var abs = Math.Abs(f);
        var (neg, digits, exp) = Decompose(f);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var s = FormatWith(neg, digits, exp, useE: true);
            var n = s.Length;
            if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0')
            {
                s = s[..(n - 2)] + s[n - 1];
            }

            return s;
        }

        return FormatWith(neg, digits, exp, useE: false);
    }

    private static string FormatWith(bool neg, string digits, int exp, bool useE)
    {
        var sb = new StringBuilder(digits.Length + 8);
        if (neg)
        {
            sb.Append('-');
        }

        if (useE)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            sb.Append('e').Append(exp < 0 ? '-' : '+');
            var e = Math.Abs(exp);
            if (e < 10)
            {
                sb.Append('0');
            }

            sb.Append(e.ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        // %f: digits with the decimal point after exp+1 digits.
        var dp = exp + 1;
        if (dp <= 0)
        {
            sb.Append("0.").Append('0', -dp).Append(digits);
        }
        else if (dp >= digits.Length)
        {
            sb.Append(digits).Append('0', dp - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, dp).Append('.').Append(digits, dp, digits.Length - dp);
        }

        return sb.ToString();
    }

    // Shortest round-trip digits (no leading/trailing zeros) and the decimal exponent of the first digit.
    private static (bool Neg, string Digits, int Exp) Decompose(double f)
    {
        if (f == 0)
        {
            return (double.IsNegative(f), "0", 0);
        }

        var shortest = f.ToString("R", CultureInfo.InvariantCulture);
        var neg = shortest[0] == '-';
        if (neg)
        {
            shortest = shortest[1..];
        }

        var exp = 0;
        var ei = shortest.IndexOfAny(['E', 'e']);
        if (ei >= 0)
        {
            exp = int.Parse(shortest.AsSpan(ei + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..ei];
        }

        var dot = shortest.IndexOf('.');
        var intPart = dot >= 0 ? shortest[..dot] : shortest;
        var fracPart = dot >= 0 ? shortest[(dot + 1)..] : "";
        var all = intPart + fracPart;
        var pointPos = intPart.Length + exp; // digits before the decimal point
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        all = all[lead..];
        pointPos -= lead;
        all = all.TrimEnd('0');
        if (all.Length == 0)
        {
            all = "0";
        }

        return (neg, all, pointPos - 1);
    }
}
