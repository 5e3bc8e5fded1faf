using System.Globalization;
using System.Numerics;

namespace Hull.Yaml;

/// <summary>How Go's fmt prints scalar values, which ytt uses for map keys in several outputs.</summary>
public static class GoFormat
{
    /// <summary>Go's `%s` of a value: strings as is, other types as `%!s(int=4)`.</summary>
    public static string PercentS(object? value) => value switch
    {
        string s => s,
        null => "%!s(<nil>)",
        bool b => "%!s(bool=" + (b ? "true" : "false") + ")",
        long or int => "%!s(int=" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")",
        BigInteger bi => "%!s(uint64=" + bi.ToString(CultureInfo.InvariantCulture) + ")",
        double d => "%!s(float64=" + GoFloat.FormatG(d) + ")",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
