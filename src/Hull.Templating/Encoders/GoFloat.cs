using System.Globalization;

namespace Hull.Templating.Encoders;

/// <summary>Float formatting as Go's strconv does it ('f'/'e'/'g' with shortest precision), which ytt's outputs follow.</summary>
public static class GoFloat
{
    /// <summary>Go's FormatFloat(f, 'f', -1, 64).</summary>
    public static string FormatF(double f)
    {
        if (double.IsNaN(f)) return "NaN";
        if (double.IsPositiveInfinity(f)) return "+Inf";
        if (double.IsNegativeInfinity(f)) return "-Inf";
        var (neg, digits, exp) = Shortest(f);
        string s;
        if (digits == "0") s = "0";
        else if (exp <= 0) s = "0." + new string('0', -exp) + digits;
        else if (exp >= digits.Length) s = digits + new string('0', exp - digits.Length);
        else s = digits[..exp] + "." + digits[exp..];
        return neg ? "-" + s : s;
    }

    /// <summary>Go's FormatFloat(f, 'e', -1, 64): d.ddde±XX.</summary>
    public static string FormatE(double f)
    {
        var (neg, digits, exp) = Shortest(f);
        int e = digits == "0" ? 0 : exp - 1;
        string mant = digits.Length > 1 ? digits[..1] + "." + digits[1..] : digits;
        string es = Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        if (es.Length < 2) es = "0" + es;
        return (neg ? "-" : "") + mant + "e" + (e < 0 ? "-" : "+") + es;
    }

    /// <summary>encoding/json's float format: 'f' in [1e-6, 1e21), else 'e' with a one-digit exponent cleanup.</summary>
    public static string FormatJson(double f)
    {
        double abs = Math.Abs(f);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            string s = FormatE(f);
            // Go trims e-07 to e-7 in JSON.
            int n = s.Length;
            if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') s = s[..(n - 2)] + s[(n - 1)..];
            return s;
        }
        return FormatF(f);
    }

    /// <summary>Go's %v / 'g' shortest format (used by str() of floats in ytt's YAML emitter is separate).</summary>
    public static string FormatG(double f)
    {
        var (_, digits, exp) = Shortest(f);
        int e = exp - 1;
        if (digits != "0" && (e < -4 || e >= 21)) return FormatE(f);
        return FormatF(f);
    }

    private static (bool Neg, string Digits, int Exp) Shortest(double f)
    {
        bool neg = f < 0 || (f == 0 && double.IsNegative(f));
        // "R" is the shortest round-tripping representation, as Go's -1 precision.
        string rr = Math.Abs(f).ToString("R", CultureInfo.InvariantCulture);
        string mantissa = rr;
        int exp10 = 0;
        int ei = rr.IndexOfAny(['E', 'e']);
        if (ei >= 0)
        {
            mantissa = rr[..ei];
            exp10 = int.Parse(rr[(ei + 1)..], CultureInfo.InvariantCulture);
        }
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        string frac = dot >= 0 ? mantissa[(dot + 1)..] : "";
        string digits = (intPart + frac).TrimStart('0');
        int lead = (intPart + frac).Length - digits.Length;
        int pointPos = intPart.Length + exp10 - lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) return (neg, "0", 1);
        return (neg, digits, pointPos);
    }
}
