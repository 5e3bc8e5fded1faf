using System.Globalization;
using System.Numerics;
using System.Text;

namespace Hull.Starlark.Values;

/// <summary>An arbitrary-precision integer with a 64-bit fast path and a cache of small values.</summary>
public sealed class IntValue : Value
{
    private const int CacheMin = -256;
    private const int CacheMax = 4096;
    private static readonly IntValue[] Cache = CreateCache();

    private readonly long _small;
    // Set only when the value does not fit in a long; boxed so that small ints stay 24 bytes.
    private readonly System.Runtime.CompilerServices.StrongBox<BigInteger>? _bigBox;

    private IntValue(long v) => _small = v;

    private IntValue(BigInteger v) => _bigBox = new(v);

    private BigInteger? BigOrNull => _bigBox?.Value;

    private static IntValue[] CreateCache()
    {
        var c = new IntValue[CacheMax - CacheMin + 1];
        for (int i = 0; i < c.Length; i++) c[i] = new IntValue(i + CacheMin);
        return c;
    }

    /// <summary>Zero.</summary>
    public static IntValue Zero => Cache[-CacheMin];
    /// <summary>One.</summary>
    public static IntValue One => Cache[1 - CacheMin];

    /// <summary>The Starlark int for <paramref name="v"/>.</summary>
    public static IntValue Of(long v) => v >= CacheMin && v <= CacheMax ? Cache[v - CacheMin] : new IntValue(v);

    /// <summary>The Starlark int for <paramref name="v"/>.</summary>
    public static IntValue Of(BigInteger v) => v >= long.MinValue && v <= long.MaxValue ? Of((long)v) : new IntValue(v);

    /// <summary>Whether the value fits in 64 bits.</summary>
    public bool IsSmall => _bigBox is null;

    /// <summary>The value when <see cref="IsSmall"/>.</summary>
    public long Small => _small;

    /// <summary>The value as a BigInteger.</summary>
    public BigInteger Big => BigOrNull ?? _small;

    /// <summary>Sign: -1, 0 or 1.</summary>
    public int Sign => BigOrNull is { } b ? b.Sign : Math.Sign(_small);

    /// <summary>The value as an int, or null when out of 32-bit range.</summary>
    public int? AsInt32() => _bigBox is null && _small >= int.MinValue && _small <= int.MaxValue ? (int)_small : null;

    /// <summary>The value as a double (may round).</summary>
    public double ToDouble() => BigOrNull is { } b ? (double)b : _small;

    /// <inheritdoc/>
    public override string Type => "int";
    /// <inheritdoc/>
    public override bool Truth => Sign != 0;
    /// <inheritdoc/>
    public override int Hash() => BigOrNull is { } b ? b.GetHashCode() : _small.GetHashCode();
    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb)
    {
        if (BigOrNull is { } b) sb.Append(b.ToString(CultureInfo.InvariantCulture));
        else sb.Append(_small);
    }
    /// <inheritdoc/>
    public override string Repr() => BigOrNull is { } b ? b.ToString(CultureInfo.InvariantCulture) : _small.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override string Str() => Repr();

    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth) => Compare(this, (IntValue)other) == 0;
    /// <inheritdoc/>
    public override bool IsOrdered => true;
    /// <inheritdoc/>
    public override int CompareSameType(Value other, int depth) => Compare(this, (IntValue)other);

    /// <summary>Three-way comparison.</summary>
    public static int Compare(IntValue x, IntValue y) =>
        x._bigBox is null && y._bigBox is null ? x._small.CompareTo(y._small) : x.Big.CompareTo(y.Big);

    /// <summary>x + y.</summary>
    public static IntValue Add(IntValue x, IntValue y)
    {
        if (x._bigBox is null && y._bigBox is null)
        {
            long r = x._small + y._small;
            if (((x._small ^ r) & (y._small ^ r)) >= 0) return Of(r);
        }
        return Of(x.Big + y.Big);
    }

    /// <summary>x - y.</summary>
    public static IntValue Sub(IntValue x, IntValue y)
    {
        if (x._bigBox is null && y._bigBox is null)
        {
            long r = x._small - y._small;
            if (((x._small ^ y._small) & (x._small ^ r)) >= 0) return Of(r);
        }
        return Of(x.Big - y.Big);
    }

    /// <summary>x * y.</summary>
    public static IntValue Mul(IntValue x, IntValue y)
    {
        if (x._bigBox is null && y._bigBox is null)
        {
            long hi = Math.BigMul(x._small, y._small, out long lo);
            if (hi == 0 && lo >= 0 || hi == -1 && lo < 0) return Of(lo);
        }
        return Of(x.Big * y.Big);
    }

    /// <summary>Floored division (y != 0).</summary>
    public static IntValue FloorDiv(IntValue x, IntValue y)
    {
        if (x._bigBox is null && y._bigBox is null && !(x._small == long.MinValue && y._small == -1))
        {
            long q = x._small / y._small;
            if ((x._small % y._small != 0) && ((x._small < 0) != (y._small < 0))) q--;
            return Of(q);
        }
        var bq = BigInteger.DivRem(x.Big, y.Big, out var rem);
        if (!rem.IsZero && (rem.Sign < 0) != (y.Big.Sign < 0)) bq -= 1;
        return Of(bq);
    }

    /// <summary>Floored modulo (y != 0); result has the sign of y.</summary>
    public static IntValue Mod(IntValue x, IntValue y)
    {
        if (x._bigBox is null && y._bigBox is null && y._small != -1)
        {
            long r = x._small % y._small;
            if (r != 0 && (r < 0) != (y._small < 0)) r += y._small;
            return Of(r);
        }
        var br = BigInteger.Remainder(x.Big, y.Big);
        if (!br.IsZero && (br.Sign < 0) != (y.Big.Sign < 0)) br += y.Big;
        return Of(br);
    }

    /// <summary>Parses an integer literal body in a base (digits only, no sign or prefix); underscores are not allowed.</summary>
    public static bool TryParse(ReadOnlySpan<char> digits, int b, out IntValue result)
    {
        result = Zero;
        if (digits.Length == 0) return false;
        if (b == 10 && digits.Length <= 18)
        {
            long v = 0;
            foreach (char c in digits)
            {
                if (c < '0' || c > '9') return false;
                v = v * 10 + (c - '0');
            }
            result = Of(v);
            return true;
        }
        BigInteger acc = BigInteger.Zero;
        foreach (char c in digits)
        {
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
            if (d >= b) return false;
            acc = acc * b + d;
        }
        result = Of(acc);
        return true;
    }
}

/// <summary>Integer literal parsing shared by the scanner and int().</summary>
public static class IntParsing
{
    /// <summary>Parses digits in a base into a long or BigInteger boxed value.</summary>
    public static bool TryParseDigits(string digits, int b, out object value)
    {
        value = 0L;
        if (!IntValue.TryParse(digits, b, out var iv)) return false;
        value = iv.IsSmall ? iv.Small : iv.Big;
        return true;
    }
}
