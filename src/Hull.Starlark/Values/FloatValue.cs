using System.Globalization;
using System.Numerics;
using System.Text;

namespace Hull.Starlark.Values;

/// <summary>An IEEE 754 double with Starlark formatting and comparison rules.</summary>
public sealed class FloatValue(double value) : Value
{
    /// <summary>The double.</summary>
    public double Value { get; } = value;

    /// <inheritdoc/>
    public override string Type => "float";
    /// <inheritdoc/>
    public override bool Truth => Value != 0;

    /// <inheritdoc/>
    public override int Hash()
    {
        // Integral floats hash like the equal int so 1 and 1.0 are the same dict key.
        if (double.IsFinite(Value) && Math.Floor(Value) == Value)
            return IntValue.Of(new BigInteger(Value)).Hash();
        return Value.GetHashCode();
    }

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => Format(sb, Value, 'g');

    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth) => Value == ((FloatValue)other).Value;

    /// <inheritdoc/>
    public override bool IsOrdered => true;

    /// <inheritdoc/>
    public override int CompareSameType(Value other, int depth) => CompareDoubles(Value, ((FloatValue)other).Value);

    /// <summary>Total order used by Starlark: NaN is greater than everything, including +Inf, and equal to itself.</summary>
    public static int CompareDoubles(double x, double y)
    {
        if (double.IsNaN(x)) return double.IsNaN(y) ? 0 : 1;
        if (double.IsNaN(y)) return -1;
        return x.CompareTo(y);
    }

    /// <summary>Formats a float like Go's strconv.FormatFloat with 'g' (6 significant digits), 'e' or 'f' and precision 6.</summary>
    public static void Format(StringBuilder sb, double f, char conv)
    {
        if (double.IsNaN(f)) { sb.Append("NaN"); return; }
        if (double.IsInfinity(f)) { sb.Append(f > 0 ? "+Inf" : "-Inf"); return; }
        switch (conv)
        {
            case 'g':
            case 'G':
                sb.Append(FormatG(f, 6, conv == 'G'));
                return;
            case 'e':
            case 'E':
                sb.Append(FormatE(f, 6, conv == 'E'));
                return;
            default:
                sb.Append(f.ToString("F6", CultureInfo.InvariantCulture));
                return;
        }
    }

    /// <summary>Go's strconv.FormatFloat(f, 'e', prec, 64).</summary>
    public static string FormatE(double f, int prec, bool upper)
    {
        string s = f.ToString((upper ? "E" : "e") + prec, CultureInfo.InvariantCulture); // e.g. 1.000000e+006
        int e = s.IndexOf(upper ? 'E' : 'e');
        string mant = s[..e];
        int exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return mant + (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Go's strconv.FormatFloat(f, 'g', prec, 64).</summary>
    public static string FormatG(double f, int prec, bool upper)
    {
        string s = f.ToString("E" + (prec - 1), CultureInfo.InvariantCulture); // -1.23450E+069
        bool neg = s[0] == '-';
        if (neg) s = s[1..];
        int e = s.IndexOf('E');
        int exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string digits = s[..e].Replace(".", "").TrimEnd('0');
        if (digits.Length == 0) { digits = "0"; exp = 0; }
        int nd = digits.Length;
        int dp = exp + 1;
        int eprec = prec;
        if (eprec > nd && nd >= dp) eprec = nd;
        var sb = new StringBuilder();
        if (neg) sb.Append('-');
        if (exp < -4 || exp >= eprec)
        {
            sb.Append(digits[0]);
            if (nd > 1) sb.Append('.').Append(digits, 1, nd - 1);
            sb.Append(upper ? 'E' : 'e').Append(exp < 0 ? '-' : '+');
            int ae = Math.Abs(exp);
            if (ae < 10) sb.Append('0');
            sb.Append(ae);
        }
        else if (dp <= 0) sb.Append("0.").Append('0', -dp).Append(digits);
        else if (dp >= nd) sb.Append(digits).Append('0', dp - nd);
        else sb.Append(digits, 0, dp).Append('.').Append(digits, dp, nd - dp);
        return sb.ToString();
    }
}
