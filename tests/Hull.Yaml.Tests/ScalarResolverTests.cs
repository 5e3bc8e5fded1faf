using System.Numerics;

namespace Hull.Yaml.Tests;

public sealed class ScalarResolverTests
{
    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("YES", true)]
    [InlineData("y", true)]
    [InlineData("on", true)]
    [InlineData("True", true)]
    [InlineData("no", false)]
    [InlineData("N", false)]
    [InlineData("off", false)]
    [InlineData("FALSE", false)]
    public void Yaml11BoolWords(string text, bool expected) => Assert.Equal(expected, ScalarResolver.Resolve(text));

    [Theory]
    [InlineData("")]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    public void Nulls(string text) => Assert.Null(ScalarResolver.Resolve(text));

    [Theory]
    [InlineData("123", 123L)]
    [InlineData("-49", -49L)]
    [InlineData("+7", 7L)]
    [InlineData("0x1F", 31L)]
    [InlineData("0o17", 15L)]
    [InlineData("017", 15L)]
    [InlineData("0b101", 5L)]
    [InlineData("-0b101", -5L)]
    [InlineData("1_000", 1000L)]
    [InlineData("0", 0L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Ints(string text, long expected) => Assert.Equal(expected, ScalarResolver.Resolve(text));

    [Fact]
    public void Uint64RangeIsBigInteger() =>
        Assert.Equal(BigInteger.Parse("18446744073709551615"), ScalarResolver.Resolve("18446744073709551615"));

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-1.5", -1.5)]
    [InlineData(".5", 0.5)]
    [InlineData("1e+3", 1000.0)]
    [InlineData("1.5E-2", 0.015)]
    [InlineData("08", 8.0)]
    [InlineData("1_0.5", 10.5)]
    [InlineData("123456789012345678901234567890", 1.2345678901234568e+29)]
    public void Floats(string text, double expected) => Assert.Equal(expected, ScalarResolver.Resolve(text));

    [Fact]
    public void SpecialFloats()
    {
        Assert.Equal(double.PositiveInfinity, ScalarResolver.Resolve(".inf"));
        Assert.Equal(double.PositiveInfinity, ScalarResolver.Resolve("+.Inf"));
        Assert.Equal(double.NegativeInfinity, ScalarResolver.Resolve("-.INF"));
        Assert.True(double.IsNaN((double)ScalarResolver.Resolve(".NaN")!));
    }

    [Theory]
    [InlineData("1e3")] // go-yaml v2 wants a signed exponent
    [InlineData("1.")]
    [InlineData("0x")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("yes please")]
    [InlineData("2001-01-01")] // a timestamp: kept as text by ytt
    [InlineData("2001-12-14t21:59:43.10-05:00")]
    [InlineData("12:30:45")]
    [InlineData("<<")]
    [InlineData("apps/v1")]
    [InlineData("0b102")]
    public void Strings(string text) => Assert.Equal(text, ScalarResolver.Resolve(text));

    [Theory]
    [InlineData("2001-01-01", ScalarTag.Timestamp)]
    [InlineData("2001-1-2", ScalarTag.Timestamp)]
    [InlineData("2001-12-14T21:59:43.10Z", ScalarTag.Timestamp)]
    [InlineData("2001-12-14 21:59:43.10", ScalarTag.Timestamp)]
    [InlineData("2001-12-14T21:59:43", ScalarTag.Str)]
    [InlineData("2001-02-30", ScalarTag.Str)]
    [InlineData("1.0", ScalarTag.Float)]
    public void Tags(string text, ScalarTag tag) => Assert.Equal(tag, ScalarResolver.ResolveTag(text, out _));
}
